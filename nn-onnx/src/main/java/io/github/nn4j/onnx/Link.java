package io.github.nn4j.onnx;

import io.github.nn4j.layers.Layer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the chain reader made of one or more consecutive nodes: at most one nn4j layer (a
 * {@code Flatten} or {@code Reshape} to {@code [batch, n]} gives none), with the values of its
 * parameters and state.
 *
 * @param nodes  how many nodes of the chain were read, at least 1
 * @param output the value the last of them writes, which the next node must read
 * @param width  the number of features of that value, or -1 when not known
 * @param layer  the layer, or null for none
 * @param values the layer's parameters and state by local name ({@code W} {@code [in, out]},
 *               {@code b} {@code [1, out]}, {@code gamma}, {@code running_mean}, …); empty for none
 */
record Link(int nodes, String output, long width, Layer layer, Map<String, INDArray> values) {

    /** Keeps an unmodifiable copy of the values. */
    Link {
        values = Map.copyOf(values);
    }

    /** A link of one or more nodes to a layer without parameters (or to none). */
    static Link of(int nodes, String output, long width, Layer layer) {
        return new Link(nodes, output, width, layer, Map.of());
    }
}
