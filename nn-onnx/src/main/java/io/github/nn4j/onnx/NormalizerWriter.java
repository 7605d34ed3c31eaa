package io.github.nn4j.onnx;

import io.github.nn4j.data.MinMaxScaler;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import java.util.List;

/**
 * Folds a fitted normalizer into the graph as its first two nodes, so that the exported model
 * takes raw features: {@code Mul(Sub(x, shift), scale)}, the arithmetic of nn4j's
 * {@code Normalizer.transform} in the model's element type, with initializers
 * {@code normalizer.shift} and {@code normalizer.scale} of shape {@code [1, features]}.
 *
 * <pre>
 * MinMaxScaler   shift = min    scale = 1 / (max − min), or 1 for a constant feature
 * Standardizer   shift = mean   scale = 1 / std,         or 1 for a constant feature
 * </pre>
 */
final class NormalizerWriter {

    /** The prefix of the normalizer's node and initializer names. */
    static final String NAME = "normalizer";

    private NormalizerWriter() {
    }

    /**
     * Adds the normalizer's nodes.
     *
     * @param graph      the graph being written
     * @param normalizer the fitted normalizer
     * @param input      the raw features
     * @return the name of the normalized features
     */
    static String write(GraphWriter graph, Normalizer normalizer, String input) {
        double[] shift;
        double[] divisor;
        if (normalizer instanceof MinMaxScaler scaler) {
            shift = scaler.min();
            divisor = scaler.max();
            for (int i = 0; i < divisor.length; i++) {
                divisor[i] -= shift[i];
            }
        } else if (normalizer instanceof Standardizer standardizer) {
            shift = standardizer.mean();
            divisor = standardizer.std();
        } else {
            throw new IllegalArgumentException("cannot fold " + normalizer + " into an ONNX graph: nn4j folds "
                    + "MinMaxScaler and Standardizer");
        }
        double[] scale = new double[divisor.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = divisor[i] > 0 ? 1.0 / divisor[i] : 1.0;
        }
        String shiftName = graph.initializer(TensorWriter.row(NAME + ".shift", shift, graph.elementType()));
        String scaleName = graph.initializer(TensorWriter.row(NAME + ".scale", scale, graph.elementType()));
        String shifted = NAME + ".shifted";
        graph.node(NAME + ".sub", "Sub", List.of(input, shiftName), shifted);
        graph.node(NAME + ".mul", "Mul", List.of(shifted, scaleName), NAME);
        return NAME;
    }
}
