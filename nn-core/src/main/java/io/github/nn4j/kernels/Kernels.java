package io.github.nn4j.kernels;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise work of a training step (bias add, bias gradient, ReLU and its derivative,
 * dropout, the softmax–cross-entropy gradient, Adam), done by Java loops when the arrays are
 * float and not too large, and by ND4J otherwise.
 *
 * <p>An ND4J operation costs 10–30 µs to dispatch (more when its OpenMP threads have to wake up),
 * while a hidden layer's activations at batch 32–128 hold only 4,000–65,000 numbers. The Java
 * loops copy {@value #CHUNK}-element chunks of the off-heap buffer into small heap arrays, where
 * the JIT vectorizes the arithmetic, and copy the results back: ReLU over 32,768 numbers takes
 * about 19 µs this way against 42 µs or more for ND4J's operation. Above
 * {@link #javaMaxElements()} numbers (131,072 by default; set the system property
 * {@code nn4j.javaKernelMaxElements} to change it, 0 to always use ND4J) ND4J's multi-threaded
 * loops win and are used instead.
 */
public final class Kernels {

    private static final long JAVA_MAX_ELEMENTS = Long.getLong("nn4j.javaKernelMaxElements", 1L << 17);

    /** Elements per bulk copy: four such float arrays fit the first-level cache. */
    static final int CHUNK = 2048;

    /** Per-thread heap scratch: four chunk-sized arrays. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    /** 2³²/φ, the multiplier that spreads consecutive unit numbers over the hash's input. */
    private static final int GOLDEN = 0x9E3779B9;

    /** {@code i·GOLDEN} for every index of a chunk, so that the dropout hash loop vectorizes. */
    private static final int[] UNIT_OFFSETS = new int[CHUNK];

    static {
        for (int i = 0; i < CHUNK; i++) {
            UNIT_OFFSETS[i] = i * GOLDEN;
        }
    }

    /** Per-thread scratch of the dropout mask: 1 for a kept unit, 0 for a dropped one. */
    private static final ThreadLocal<int[]> KEPT = ThreadLocal.withInitial(() -> new int[CHUNK]);

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

    /** Whether every array is float, a contiguous row-major block and at most {@link #javaMaxElements()} long. */
    static boolean javaPath(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array.length() > JAVA_MAX_ELEMENTS || !isFloatBlock(array)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a row-wise kernel may run in Java: {@link #javaPath} and rows no longer than a chunk. */
    private static boolean javaRowPath(INDArray matrix, INDArray row) {
        return matrix.columns() <= CHUNK && javaPath(matrix, row);
    }

    private static boolean isFloatBlock(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.length() <= Integer.MAX_VALUE && isDenseRowMajor(array);
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
     * How many whole rows of {@code columns} numbers go into one chunk, and a chunk-sized copy
     * of {@code row} repeated that many times in {@code into}.
     */
    private static int tileRows(FloatBuffer row, int columns, float[] into) {
        int rowsPerChunk = CHUNK / columns;
        row.get(0, into, 0, columns);
        for (int r = 1; r < rowsPerChunk; r++) {
            System.arraycopy(into, 0, into, r * columns, columns);
        }
        return rowsPerChunk;
    }

    /**
     * {@code matrix += row} for every row (the bias add of a dense layer).
     *
     * @param matrix {@code [rows, n]}, updated in place
     * @param row    {@code [1, n]}
     */
    public static void addRowVector(INDArray matrix, INDArray row) {
        if (!javaRowPath(matrix, row)) {
            matrix.addiRowVector(row);
            return;
        }
        FloatBuffer m = floats(matrix);
        int columns = (int) matrix.columns();
        float[][] scratch = SCRATCH.get();
        float[] values = scratch[0];
        float[] tiled = scratch[1];
        int step = tileRows(floats(row), columns, tiled) * columns;
        for (int start = 0, n = (int) matrix.length(); start < n; start += step) {
            int length = Math.min(step, n - start);
            m.get(start, values, 0, length);
            for (int i = 0; i < length; i++) {
                values[i] += tiled[i];
            }
            m.put(start, values, 0, length);
        }
    }

    /**
     * {@code into = Σ_rows matrix} (the bias gradient of a dense layer), overwriting {@code into}.
     *
     * @param matrix {@code [rows, n]}
     * @param into   {@code [1, n]}
     */
    public static void columnSums(INDArray matrix, INDArray into) {
        if (!javaRowPath(matrix, into)) {
            // onesᵀ·matrix as one GEMM: 5–7× faster than ND4J's column reduction at 512×2048.
            Nd4j.gemm(ones(matrix.rows(), matrix.dataType()), matrix, into, true, false, 1.0, 0.0);
            return;
        }
        FloatBuffer m = floats(matrix);
        int columns = (int) matrix.columns();
        float[][] scratch = SCRATCH.get();
        float[] values = scratch[0];
        float[] sums = scratch[1];
        java.util.Arrays.fill(sums, 0, columns, 0f);
        int step = (CHUNK / columns) * columns;
        for (int start = 0, n = (int) matrix.length(); start < n; start += step) {
            int length = Math.min(step, n - start);
            m.get(start, values, 0, length);
            for (int base = 0; base < length; base += columns) {
                for (int j = 0; j < columns; j++) {
                    sums[j] += values[base + j];
                }
            }
        }
        floats(into).put(0, sums, 0, columns);
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
        float[] values = SCRATCH.get()[0];
        for (int start = 0, n = (int) input.length(); start < n; start += CHUNK) {
            int length = Math.min(CHUNK, n - start);
            z.get(start, values, 0, length);
            for (int i = 0; i < length; i++) {
                values[i] = Math.max(values[i], 0f);
            }
            a.put(start, values, 0, length);
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
        float[][] scratch = SCRATCH.get();
        float[] zs = scratch[0];
        float[] gs = scratch[1];
        for (int start = 0, n = (int) input.length(); start < n; start += CHUNK) {
            int length = Math.min(CHUNK, n - start);
            z.get(start, zs, 0, length);
            g.get(start, gs, 0, length);
            for (int i = 0; i < length; i++) {
                gs[i] = Float.intBitsToFloat(Float.floatToRawIntBits(gs[i]) & positiveMask(zs[i]));
            }
            d.put(start, gs, 0, length);
        }
    }

    /**
     * All bits set when {@code z > 0} (including +∞), none otherwise (zero, −0, negatives), without
     * a branch: random signs would make a branch mispredict half the time, which took 8× longer.
     */
    private static int positiveMask(float z) {
        int bits = Float.floatToRawIntBits(z);
        return (-bits & ~bits) >> 31;
    }

    /**
     * {@code into = a ⊙ b} element-wise.
     *
     * @param a    any shape
     * @param b    the same shape
     * @param into the same shape, overwritten; may be {@code a} or {@code b}
     */
    public static void multiply(INDArray a, INDArray b, INDArray into) {
        if (!javaPath(a, b, into)) {
            a.mul(b, into);
            return;
        }
        FloatBuffer x = floats(a);
        FloatBuffer y = floats(b);
        FloatBuffer z = floats(into);
        float[][] scratch = SCRATCH.get();
        float[] xs = scratch[0];
        float[] ys = scratch[1];
        for (int start = 0, n = (int) a.length(); start < n; start += CHUNK) {
            int length = Math.min(CHUNK, n - start);
            x.get(start, xs, 0, length);
            y.get(start, ys, 0, length);
            for (int i = 0; i < length; i++) {
                xs[i] *= ys[i];
            }
            z.put(start, xs, 0, length);
        }
    }

    /**
     * Inverted dropout: draws a fresh mask, {@code 0} with probability {@code p} and
     * {@code 1/(1 − p)} otherwise, into {@code mask}, and writes {@code output = input ⊙ mask}.
     *
     * <p>Unit {@code i} is kept when the top 24 bits of {@code hash(key + i·φ)} are at least
     * {@code p·2²⁴}, where {@code key} is one draw from {@code random} and the hash is
     * MurmurHash3's 32-bit finalizer: counter-based like PyTorch's Philox, so every unit's draw is
     * independent of how the array is split, and the loop has no branch and vectorizes. The same
     * generator state gives the same mask whatever the data type.
     *
     * @param input  the layer's input
     * @param mask   same shape, overwritten with the mask
     * @param output same shape, overwritten; may be {@code input}
     * @param p      the drop probability, in [0, 1)
     * @param random the generator the mask's key is drawn from, advanced by one draw
     */
    public static void dropout(INDArray input, INDArray mask, INDArray output, double p, SplittableRandom random) {
        int dropBelow = (int) Math.round(p * (1 << 24));
        float scale = (float) (1 / (1 - p));
        int key = random.nextInt();
        if (isFloatBlock(input) && isFloatBlock(mask) && isFloatBlock(output)) {
            FloatBuffer x = floats(input);
            FloatBuffer mb = floats(mask);
            FloatBuffer y = floats(output);
            float[][] scratch = SCRATCH.get();
            float[] xs = scratch[0];
            float[] ms = scratch[1];
            for (int start = 0, n = (int) input.length(); start < n; start += CHUNK) {
                int length = Math.min(CHUNK, n - start);
                fillMask(ms, start, length, key, dropBelow, scale);
                x.get(start, xs, 0, length);
                for (int i = 0; i < length; i++) {
                    xs[i] *= ms[i];
                }
                mb.put(start, ms, 0, length);
                y.put(start, xs, 0, length);
            }
            return;
        }
        int n = Math.toIntExact(input.length());
        double[] values = new double[n];
        double keptValue = 1 / (1 - p);
        int[] kept = KEPT.get();
        for (int start = 0; start < n; start += CHUNK) {
            int length = Math.min(CHUNK, n - start);
            keptUnits(kept, start, length, key, dropBelow);
            for (int i = 0; i < length; i++) {
                values[start + i] = kept[i] * keptValue;
            }
        }
        mask.assign(Nd4j.create(values, input.shape(), 'c'));
        input.mul(mask, output);
    }

    /** Writes the float mask values of units {@code unit … unit+length−1} into {@code into[0 … length−1]}. */
    private static void fillMask(float[] into, int unit, int length, int key, int dropBelow, float scale) {
        int[] kept = KEPT.get();
        keptUnits(kept, unit, length, key, dropBelow);
        // A separate loop: the int hash vectorizes, the int-to-float conversion does not (JDK 17).
        for (int i = 0; i < length; i++) {
            into[i] = kept[i] * scale;
        }
    }

    /** {@code kept[i] = 1} when unit {@code unit + i} is kept, else 0, for {@code i < length}. */
    private static void keptUnits(int[] kept, int unit, int length, int key, int dropBelow) {
        int chunkKey = key + unit * GOLDEN;
        for (int i = 0; i < length; i++) {
            int h = chunkKey + UNIT_OFFSETS[i];
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            h ^= h >>> 16;
            kept[i] = 1 + (((h >>> 8) - dropBelow) >> 31);       // 1 when the top 24 bits are ≥ dropBelow
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
