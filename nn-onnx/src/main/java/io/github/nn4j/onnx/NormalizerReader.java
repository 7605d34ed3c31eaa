package io.github.nn4j.onnx;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.MinMaxScaler;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.onnx.proto.NodeProto;
import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a normalizer at the start of a graph: {@code Sub} of a stored row, then optionally
 * {@code Mul} or {@code Div} by a stored row (or {@code Mul}/{@code Div} alone), as nn4j's own export
 * with a normalizer and Keras' {@code Normalization} layer write it. It becomes a
 * {@link Standardizer} with {@code mean = shift} and {@code std = 1/scale} (or the divisor); when the
 * model's metadata holds the normalizer nn4j exported ({@link NormalizerWriter}) and the nodes
 * still hold exactly what it gives, that normalizer itself, bitwise.
 *
 * @param nodes      how many nodes it read, 1 or 2
 * @param output     the normalized value
 * @param normalizer the normalizer
 */
record NormalizerReader(int nodes, String output, Normalizer normalizer) {

    /** The operators a normalizer can start with. */
    static final Set<String> OPS = Set.of("Sub", "Mul", "Div");

    /**
     * Reads the node (and the next, when it continues the normalizer).
     *
     * @param index the graph's constants and metadata
     * @param node  a Sub, Mul or Div node reading the features
     * @param next  the node after it, or null
     * @param width the number of features, or -1 when not known
     * @throws ImportProblem when the node is not arithmetic with a stored row
     */
    static NormalizerReader read(GraphIndex index, NodeProto node, NodeProto next, long width) {
        INDArray shift = null;
        INDArray factor = null;
        boolean divides = false;
        int nodes = 1;
        String output = node.getOutput(0);
        if (node.getOpType().equals("Sub")) {
            shift = row(index, node, width);
            width = shift.columns();
            if (next != null && (next.getOpType().equals("Mul") || next.getOpType().equals("Div"))
                    && next.getInputCount() > 0 && next.getInput(0).equals(output) && index.reads(output) == 1) {
                try {
                    factor = row(index, next, width);
                } catch (ImportProblem problem) {
                    throw new ImportProblem(problem.getMessage(), 1);
                }
                divides = next.getOpType().equals("Div");
                output = next.getOutput(0);
                nodes = 2;
            }
        } else {
            factor = row(index, node, width);
            divides = node.getOpType().equals("Div");
        }
        int features = (int) (shift != null ? shift.columns() : factor.columns());
        double[] mean = shift == null ? new double[features] : JavaArrays.toDoubles(shift);
        double[] std = new double[features];
        for (int i = 0; i < features; i++) {
            double f = factor == null ? 1 : factor.getDouble(0, i);
            if (!(f > 0) || Double.isInfinite(f)) {
                throw new ImportProblem("its " + (divides ? "divisor" : "scale") + " " + f + " of feature " + i + " is "
                        + "not positive and finite; nn4j reads a normalizer as (x − shift) scaled by a positive "
                        + "factor", nodes - 1);
            }
            std[i] = divides || factor == null ? f : 1 / f;
        }
        Normalizer derived = new Standardizer(mean, std);
        Normalizer exported = divides ? null : exported(index, shift, factor);
        return new NormalizerReader(nodes, output, exported != null ? exported : derived);
    }

    /** The stored row a Sub, Mul or Div node applies, as {@code [1, n]}. */
    private static INDArray row(GraphIndex index, NodeProto node, long width) {
        new Attributes(node, Set.of());
        Arity.require(node, 2, 2, 1);
        INDArray value = index.weights(node.getInput(1), "operand");
        long[] shape = value.shape();
        long length = value.length();
        boolean vector = shape.length == 1 || shape.length == 2 && shape[0] == 1;
        if (length == 1 && width > 0) {
            return Nd4j.valueArrayOf(new long[] {1, width}, value.getDouble(0), value.dataType());
        }
        if (!vector || length == 0 || width >= 0 && length != width) {
            throw new ImportProblem("its operand has shape " + Arrays.toString(shape) + "; nn4j reads a normalizer "
                    + "with one value per feature" + (width >= 0 ? " (" + width + ")" : ""));
        }
        return value.reshape(1, length);
    }

    /**
     * The normalizer the metadata names, when the nodes hold exactly the rows {@link NormalizerWriter}
     * writes for it; otherwise null.
     */
    private static Normalizer exported(GraphIndex index, INDArray shift, INDArray scale) {
        String kind = index.metadata().get(NormalizerWriter.KIND);
        if (kind == null || shift == null || scale == null) {
            return null;
        }
        Normalizer candidate;
        try {
            String prefix = NormalizerWriter.KIND + ".";
            candidate = switch (kind) {
                case "Standardizer" -> new Standardizer(numbers(index, prefix + "mean", shift.columns()),
                        numbers(index, prefix + "std", shift.columns()));
                case "MinMaxScaler" -> new MinMaxScaler(numbers(index, prefix + "min", shift.columns()),
                        numbers(index, prefix + "max", shift.columns()));
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;   // damaged or foreign metadata: the nodes speak for themselves
        }
        if (candidate == null) {
            return null;
        }
        double[][] rows = NormalizerWriter.rows(candidate);
        return sameNumbers(rows[0], shift) && sameNumbers(rows[1], scale) ? candidate : null;
    }

    /** Whether {@code stored} holds exactly {@code values} rounded to its element type. */
    private static boolean sameNumbers(double[] values, INDArray stored) {
        INDArray rounded = Nd4j.create(values, new long[] {1, values.length}).castTo(stored.dataType());
        return Arrays.equals(JavaArrays.toDoubles(rounded), JavaArrays.toDoubles(stored));
    }

    /** A metadata entry of exactly {@code count} comma-separated numbers. */
    private static double[] numbers(GraphIndex index, String key, long count) {
        String text = index.metadata().get(key);
        if (text == null || text.length() > 32 * count + 32) {
            throw new IllegalArgumentException("no or implausible " + key);
        }
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new IllegalArgumentException(key + " holds " + parts.length + " numbers, not " + count);
        }
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }
}
