package io.github.nn4j.kernels;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's update as one Java pass over flat float vectors.
 */
public final class AdamKernel {

    private AdamKernel() {
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
        FloatBuffer w = KernelPath.floats(values);
        FloatBuffer g = KernelPath.floats(gradients);
        FloatBuffer mb = KernelPath.floats(m);
        FloatBuffer vb = KernelPath.floats(v);
        int n = (int) values.length();
        AdamChunk update = (from, to) -> {
            float[][] scratch = KernelPath.scratch();
            float[] ws = scratch[0];
            float[] gs = scratch[1];
            float[] ms = scratch[2];
            float[] vs = scratch[3];
            // Bulk copies into small heap arrays let the JIT vectorize the arithmetic (sqrt, divide).
            for (int start = from; start < to; start += KernelPath.CHUNK) {
                int length = Math.min(KernelPath.CHUNK, to - start);
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
                    || !KernelPath.isDenseRowMajor(array.rank() == 1 ? array : array.reshape(array.length()))) {
                return false;
            }
        }
        return true;
    }
}
