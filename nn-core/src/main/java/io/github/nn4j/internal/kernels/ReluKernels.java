package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU and its derivative, on the {@link KernelPath} rule.
 */
public final class ReluKernels {

    private ReluKernels() {
    }

    /**
     * {@code output = max(0, input)} element-wise.
     *
     * @param input  pre-activations
     * @param output same shape; may be {@code input}
     */
    public static void relu(INDArray input, INDArray output) {
        if (!KernelPath.javaPath(input, output)) {
            Nd4j.exec(new RectifiedLinear(input, output, 0.0));
            return;
        }
        FloatBuffer z = KernelPath.floats(input);
        FloatBuffer a = KernelPath.floats(output);
        float[] values = KernelPath.scratch()[0];
        for (int start = 0, n = (int) input.length(); start < n; start += KernelPath.CHUNK) {
            int length = Math.min(KernelPath.CHUNK, n - start);
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
        if (!KernelPath.javaPath(input, outputGradient, inputGradient)) {
            // Two plain ND4J ops (mask, multiply): faster than its fused ReLU-derivative op (docs/performance.md).
            Nd4j.exec(new Step(input, inputGradient, 0.0));
            inputGradient.muli(outputGradient);
            return;
        }
        FloatBuffer z = KernelPath.floats(input);
        FloatBuffer g = KernelPath.floats(outputGradient);
        FloatBuffer d = KernelPath.floats(inputGradient);
        float[][] scratch = KernelPath.scratch();
        float[] zs = scratch[0];
        float[] gs = scratch[1];
        for (int start = 0, n = (int) input.length(); start < n; start += KernelPath.CHUNK) {
            int length = Math.min(KernelPath.CHUNK, n - start);
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
     * a branch: random signs would make a branch mispredict half the time (docs/performance.md).
     */
    private static int positiveMask(float z) {
        int bits = Float.floatToRawIntBits(z);
        return (-bits & ~bits) >> 31;
    }

}
