package io.github.nn4j.kernels;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise work of a training step (bias add, bias gradient, ReLU and its derivative, the
 * softmax–cross-entropy gradient), done by a Java loop when the array is small and float, and by
 * ND4J otherwise.
 *
 * <p>At batch 32 a hidden layer's activations hold a few thousand numbers: a Java loop over them
 * takes 1–5 µs, while any ND4J operation costs 10–30 µs just to dispatch. Above
 * {@link #javaMaxElements()} numbers (8,192 by default: beyond the first-level cache the Java
 * loops slow down, and ND4J catches up; set the system property
 * {@code nn4j.javaKernelMaxElements} to change it, 0 to always use ND4J) ND4J's vectorized,
 * multi-threaded loops win and are used instead.
 */
public final class Kernels {

    private static final long JAVA_MAX_ELEMENTS = Long.getLong("nn4j.javaKernelMaxElements", 8_192L);

    /** Per thread and data type, a column of ones as long as the longest batch seen so far. */
    private static final ThreadLocal<INDArray[]> ONES = ThreadLocal.withInitial(() -> new INDArray[2]);

    private Kernels() {
    }

    /** A {@code [rows, 1]} column of ones, a view of a per-thread buffer that only grows. */
    private static INDArray ones(long rows, DataType type) {
        INDArray[] cache = ONES.get();
        int slot = type == DataType.DOUBLE ? 1 : 0;
        INDArray column = cache[slot];
        if (column == null || column.rows() < rows || column.dataType() != type) {
            column = Nd4j.ones(type, Math.max(rows, 64), 1);
            cache[slot] = column;
        }
        return column.rows() == rows ? column
                : Nd4j.create(column.data(), new long[] {rows, 1}, new long[] {1, 1}, 0L, 'c', type);
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
            // onesᵀ·matrix as one GEMM: 5–7× faster than ND4J's column reduction at 512×2048.
            Nd4j.gemm(ones(matrix.rows(), matrix.dataType()), matrix, into, true, false, 1.0, 0.0);
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
     * @param inputGradient  dL/dz, same shape; not the same array as {@code outputGradient}
     */
    public static void reluBackward(INDArray input, INDArray outputGradient, INDArray inputGradient) {
        if (!javaPath(input, outputGradient, inputGradient)) {
            // Two plain ND4J ops (mask, multiply) take half the time of its fused ReLU-derivative op.
            Nd4j.exec(new Step(input, inputGradient, 0.0));
            inputGradient.muli(outputGradient);
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

    /** Vectors at least this long are updated by two threads in {@link #adam}. */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 15;

    /** Elements per bulk copy in {@link #adam}: four such float arrays fit the first-level cache. */
    private static final int CHUNK = 2048;

    /** Per-thread heap scratch of {@link #adam}: weights, gradients, first and second moments. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    /** Updates the elements {@code [from, to)}. */
    private interface AdamChunk {
        void run(int from, int to);
    }

    /**
     * One Adam step over flat float vectors, in a single pass over memory:
     * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
     * {@code w ← w − lr·m̂/(√v̂ + ε)} with {@code m̂ = m/(1−β₁ᵗ)}, {@code v̂ = v/(1−β₂ᵗ)}.
     * The vectors are processed in chunks copied to small heap arrays, where the JIT vectorizes
     * the arithmetic; ND4J's fused {@code AdamUpdater} took 3–6× longer for the same work on a
     * 2-core machine. Long vectors are split between two threads; each element's update is
     * independent, so the result does not depend on the split.
     *
     * @param values       the weights w, updated in place
     * @param gradients    the gradients g
     * @param m            the first-moment estimate, updated in place
     * @param v            the second-moment estimate, updated in place
     * @param learningRate lr
     * @param beta1        β₁
     * @param beta2        β₂
     * @param epsilon      ε
     * @param step         t, counting from 1
     * @return {@code false}, without touching anything, when the arrays are not contiguous float
     *         vectors; the caller then uses ND4J
     */
    public static boolean adam(INDArray values, INDArray gradients, INDArray m, INDArray v, double learningRate,
                               double beta1, double beta2, double epsilon, long step) {
        if (!floatVectors(values, gradients, m, v)) {
            return false;
        }
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        // lr·m̂/(√v̂ + ε) = (lr·√(1−β₂ᵗ)/(1−β₁ᵗ))·m/(√v + ε·√(1−β₂ᵗ)): no per-element division by 1−β₂ᵗ.
        float stepSize = (float) (learningRate * correction2 / (1 - Math.pow(beta1, step)));
        float eps = (float) (epsilon * correction2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        FloatBuffer w = floats(values);
        FloatBuffer g = floats(gradients);
        FloatBuffer mb = floats(m);
        FloatBuffer vb = floats(v);
        int n = (int) values.length();
        AdamChunk update = (from, to) -> {
            float[][] scratch = SCRATCH.get();
            float[] ws = scratch[0];
            float[] gs = scratch[1];
            float[] ms = scratch[2];
            float[] vs = scratch[3];
            // Bulk copies into small heap arrays let the JIT vectorize the arithmetic (sqrt, divide).
            for (int start = from; start < to; start += CHUNK) {
                int length = Math.min(CHUNK, to - start);
                w.get(start, ws, 0, length);
                g.get(start, gs, 0, length);
                mb.get(start, ms, 0, length);
                vb.get(start, vs, 0, length);
                for (int i = 0; i < length; i++) {
                    float gi = gs[i];
                    float mi = b1 * ms[i] + c1 * gi;
                    float vi = b2 * vs[i] + c2 * gi * gi;
                    ms[i] = mi;
                    vs[i] = vi;
                    ws[i] -= stepSize * mi / ((float) Math.sqrt(vi) + eps);
                }
                w.put(start, ws, 0, length);
                mb.put(start, ms, 0, length);
                vb.put(start, vs, 0, length);
            }
        };
        if (n < PARALLEL_MIN_ELEMENTS) {
            update.run(0, n);
        } else {
            IntStream.range(0, 2).parallel().forEach(half -> update.run(half == 0 ? 0 : n / 2, half == 0 ? n / 2 : n));
        }
        return true;
    }

    private static boolean floatVectors(INDArray... arrays) {
        long length = arrays[0].length();
        for (INDArray array : arrays) {
            if (array.dataType() != DataType.FLOAT || array.length() != length || array.length() > Integer.MAX_VALUE
                    || !isDenseRowMajor(array.rank() == 1 ? array : array.reshape(array.length()))) {
                return false;
            }
        }
        return true;
    }
}
