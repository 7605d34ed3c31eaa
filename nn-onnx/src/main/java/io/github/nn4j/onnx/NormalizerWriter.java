package io.github.nn4j.onnx;

import io.github.nn4j.data.MinMaxScaler;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
 * The normalizer's own doubles also go into the model's metadata ({@value #KIND} and the arrays,
 * each as decimal text that parses back to the same double), from which {@link NormalizerReader}
 * rebuilds bitwise the same normalizer when the nodes still hold what they were written with.
 */
final class NormalizerWriter {

    /** The prefix of the normalizer's node and initializer names. */
    static final String NAME = "normalizer";
    /** The metadata key of the normalizer's class: {@code Standardizer} or {@code MinMaxScaler}. */
    static final String KIND = "nn4j.normalizer";

    private NormalizerWriter() {
    }

    /**
     * Adds the normalizer's nodes and metadata.
     *
     * @param graph      the graph being written
     * @param normalizer the fitted normalizer
     * @param input      the raw features
     * @return the name of the normalized features
     */
    static String write(GraphWriter graph, Normalizer normalizer, String input) {
        double[][] rows = rows(normalizer);
        String shiftName = graph.initializer(TensorWriter.row(NAME + ".shift", rows[0], graph.elementType()));
        String scaleName = graph.initializer(TensorWriter.row(NAME + ".scale", rows[1], graph.elementType()));
        String shifted = NAME + ".shifted";
        graph.node(NAME + ".sub", "Sub", List.of(input, shiftName), shifted);
        graph.node(NAME + ".mul", "Mul", List.of(shifted, scaleName), NAME);
        if (normalizer instanceof Standardizer standardizer) {
            graph.metadata(KIND, "Standardizer");
            graph.metadata(KIND + ".mean", text(standardizer.mean()));
            graph.metadata(KIND + ".std", text(standardizer.std()));
        } else if (normalizer instanceof MinMaxScaler scaler) {
            graph.metadata(KIND, "MinMaxScaler");
            graph.metadata(KIND + ".min", text(scaler.min()));
            graph.metadata(KIND + ".max", text(scaler.max()));
        }
        return NAME;
    }

    /**
     * What the nodes hold for a normalizer, in double precision: {@code {shift, scale}}.
     *
     * @throws IllegalArgumentException for a normalizer that is neither a MinMaxScaler nor a Standardizer
     */
    static double[][] rows(Normalizer normalizer) {
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
        return new double[][] {shift, scale};
    }

    private static String text(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
