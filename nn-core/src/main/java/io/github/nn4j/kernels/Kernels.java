package io.github.nn4j.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise work of a training step (bias add, bias gradient, ReLU and its derivative, the
 * softmax–cross-entropy gradient), done by a Java loop when the array is small and float, and by
 * ND4J otherwise.
 *
 * <p>At batch 32 a hidden layer's activations hold a few thousand numbers: a Java loop over them
 * takes 1–5 µs, while any ND4J operation costs 10–30 µs just to dispatch. Above
 * {@link #javaMaxElements()} numbers (65,536 by default; set the system property
 * {@code nn4j.javaKernelMaxElements} to change it, 0 to always use ND4J) ND4J's vectorized,
 * multi-threaded loops win and are used instead.
 */
public final class Kernels {

    private static final long JAVA_MAX_ELEMENTS = Long.getLong("nn4j.javaKernelMaxElements", 65_536L);

    private Kernels() {
    }

    /** Arrays up to this many elements are processed by Java loops (float, contiguous, row-major). */
    public static long javaMaxElements() {
        return JAVA_MAX_ELEMENTS;
    }

    /** Whether every array is small, float and a contiguous row-major block, so Java loops may run on it. */
    static boolean javaPath(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array.dataType() != DataType.FLOAT || array.length() > JAVA_MAX_ELEMENTS
                    || !isDenseRowMajor(array)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDenseRowMajor(INDArray array) {
        if (array.rank() == 1) {
            return array.stride(0) == 1;
        }
        if (array.rank() != 2) {
            return false;
        }
        long columns = array.columns();
        boolean rowContiguous = columns == 1 || array.stride(1) == 1;
        boolean rowsAdjacent = array.rows() == 1 || array.stride(0) == columns;
        return rowContiguous && rowsAdjacent;
    }

    /** The float buffer holding {@code array}'s elements, positioned so that index 0 is its first. */
    static FloatBuffer floats(INDArray array) {
        FloatBuffer buffer = array.data().asNioFloat();
        return buffer.position((int) array.offset()).slice();
    }

    /**
     * {@code matrix += row} for every row (the bias add of a dense layer).
     *
     * @param matrix {@code [rows, n]}, updated in place
     * @param row    {@code [1, n]}
     */
    public static void addRowVector(INDArray matrix, INDArray row) {
        if (!javaPath(matrix, row)) {
            matrix.addiRowVector(row);
            return;
        }
        FloatBuffer m = floats(matrix);
        FloatBuffer r = floats(row);
        int rows = (int) matrix.rows();
        int columns = (int) matrix.columns();
        for (int i = 0, base = 0; i < rows; i++, base += columns) {
            for (int j = 0; j < columns; j++) {
                m.put(base + j, m.get(base + j) + r.get(j));
            }
        }
    }

    /**
     * {@code into = Σ_rows matrix} (the bias gradient of a dense layer), overwriting {@code into}.
     *
     * @param matrix {@code [rows, n]}
     * @param into   {@code [1, n]}
     */
    public static void columnSums(INDArray matrix, INDArray into) {
        if (!javaPath(matrix, into)) {
            matrix.sum(into.reshape(into.length()), 0);
            return;
        }
        FloatBuffer m = floats(matrix);
        int rows = (int) matrix.rows();
        int columns = (int) matrix.columns();
        FloatBuffer sums = floats(into);
        for (int j = 0; j < columns; j++) {
            sums.put(j, m.get(j));
        }
        for (int i = 1, base = columns; i < rows; i++, base += columns) {
            for (int j = 0; j < columns; j++) {
                sums.put(j, sums.get(j) + m.get(base + j));
            }
        }
    }

    /**
     * {@code output = max(0, input)} element-wise.
     *
     * @param input  pre-activations
     * @param output same shape; may be {@code input}
     */
    public static void relu(INDArray input, INDArray output) {
        if (!javaPath(input, output)) {
            Nd4j.exec(new RectifiedLinear(input, output, 0.0));
            return;
        }
        FloatBuffer z = floats(input);
        FloatBuffer a = floats(output);
        for (int i = 0, n = (int) input.length(); i < n; i++) {
            float v = z.get(i);
            a.put(i, v > 0 ? v : 0f);
        }
    }

    /**
     * {@code inputGradient = outputGradient} where {@code input > 0}, else 0.
     *
     * @param input          the pre-activations of the forward pass
     * @param outputGradient dL/da
     * @param inputGradient  dL/dz, same shape; may be {@code outputGradient}
     */
    public static void reluBackward(INDArray input, INDArray outputGradient, INDArray inputGradient) {
        if (!javaPath(input, outputGradient, inputGradient)) {
            Nd4j.exec(new RectifiedLinearDerivative(input, outputGradient, inputGradient));
            return;
        }
        FloatBuffer z = floats(input);
        FloatBuffer g = floats(outputGradient);
        FloatBuffer d = floats(inputGradient);
        for (int i = 0, n = (int) input.length(); i < n; i++) {
            d.put(i, z.get(i) > 0 ? g.get(i) : 0f);
        }
    }

    /**
     * {@code into = (softmax(logits) − targets) / rows}: the gradient of the mean softmax
     * cross-entropy, with the row maximum subtracted before exponentiating.
     *
     * @param logits  {@code [rows, classes]}
     * @param targets {@code [rows, classes]} probability rows (usually one-hot)
     * @param into    {@code [rows, classes]}, overwritten
     */
    public static void softmaxCrossEntropyGradient(INDArray logits, INDArray targets, INDArray into) {
        double scale = 1.0 / logits.rows();
        if (!javaPath(logits, targets, into)) {
            Nd4j.exec(new SoftMax(logits, into, 1));
            into.subi(targets).muli(scale);
            return;
        }
        FloatBuffer z = floats(logits);
        FloatBuffer y = floats(targets);
        FloatBuffer g = floats(into);
        int rows = (int) logits.rows();
        int classes = (int) logits.columns();
        for (int i = 0, base = 0; i < rows; i++, base += classes) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z.get(base + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float e = (float) Math.exp(z.get(base + c) - max);
                g.put(base + c, e);
                sum += e;
            }
            double normalizer = 1.0 / sum;
            for (int c = 0; c < classes; c++) {
                g.put(base + c, (float) ((g.get(base + c) * normalizer - y.get(base + c)) * scale));
            }
        }
    }
}
