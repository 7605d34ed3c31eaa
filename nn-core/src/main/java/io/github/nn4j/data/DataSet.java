package io.github.nn4j.data;

import io.github.nn4j.model.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Examples for training or evaluation: features {@code [n, d]} and labels, one row per example.
 *
 * <p>Labels are either a matrix {@code [n, k]} (one-hot classes or regression targets) or class
 * indices {@code [n]} / {@code [n, 1]}. The constructor checks the shapes and that every feature
 * is finite, so training never starts on bad data.
 *
 * <pre>{@code
 * DataSet xor = new DataSet(
 *         Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
 *         Nd4j.create(new float[][] {{0}, {1}, {1}, {0}}));
 * }</pre>
 */
public final class DataSet {

    private final INDArray features;
    private final INDArray labels;

    /**
     * Wraps features and labels.
     *
     * @param features {@code [n, d]}, n ≥ 1, all finite
     * @param labels   {@code [n, k]}, {@code [n]} or {@code [n, 1]}
     * @throws IllegalArgumentException naming the problem and the shapes
     */
    public DataSet(INDArray features, INDArray labels) {
        if (features == null || features.rank() != 2) {
            throw new IllegalArgumentException("features must be a [examples, features] matrix, got "
                    + Shapes.of(features));
        }
        if (features.rows() == 0) {
            throw new IllegalArgumentException("data set is empty: features " + Shapes.of(features));
        }
        if (labels == null || labels.rank() > 2 || labels.size(0) != features.rows()) {
            throw new IllegalArgumentException("labels must have one row per example: features "
                    + Shapes.of(features) + ", labels " + Shapes.of(labels));
        }
        long bad = Nd4j.getExecutioner().exec(new MatchCondition(features, Conditions.notFinite())).getLong(0);
        if (bad > 0) {
            throw new IllegalArgumentException("features " + Shapes.of(features) + " contain " + bad
                    + " NaN or infinite value(s)");
        }
        this.features = features;
        this.labels = labels.rank() == 1 ? labels.reshape(labels.length(), 1) : labels;
    }

    /** The features, {@code [n, d]}. */
    public INDArray features() {
        return features;
    }

    /** The labels, {@code [n, k]} or class indices {@code [n, 1]}. */
    public INDArray labels() {
        return labels;
    }

    /** Number of examples n. */
    public int size() {
        return (int) features.rows();
    }

    /** Number of features d per example. */
    public int featureCount() {
        return (int) features.columns();
    }

    /** Whether the labels are a column of class indices rather than a matrix of targets. */
    public boolean hasClassIndices() {
        return labels.columns() == 1;
    }

    @Override
    public String toString() {
        return "DataSet(features " + Shapes.of(features) + ", labels " + Shapes.of(labels) + ")";
    }
}
