package io.github.nn4j.onnx;

import io.github.nn4j.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the chain reader made of one or more consecutive nodes: at most one nn4j layer (a
 * {@code Flatten} of a {@code [batch, n]} value gives none), with a dense layer's weights.
 *
 * @param nodes   how many nodes were read, at least 1
 * @param output  the value the last of them writes, which the next node must read
 * @param width   the number of features of that value, or -1 when not known
 * @param layer   the layer, or null for none
 * @param weights a dense layer's {@code W} {@code [in, out]}, else null
 * @param bias    a dense layer's {@code b} {@code [1, out]}, else null
 */
record Link(int nodes, String output, long width, Layer layer, INDArray weights, INDArray bias) {

    /** A link of one or more nodes to a layer without parameters (or to none). */
    static Link of(int nodes, String output, long width, Layer layer) {
        return new Link(nodes, output, width, layer, null, null);
    }
}
