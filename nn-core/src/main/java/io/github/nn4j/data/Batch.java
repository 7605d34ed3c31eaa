package io.github.nn4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: consecutive rows of features and labels.
 *
 * @param features {@code [batch, d]}
 * @param labels   {@code [batch, k]}
 */
public record Batch(INDArray features, INDArray labels) {

    /** Number of examples in the batch. */
    public int size() {
        return (int) features.rows();
    }
}
