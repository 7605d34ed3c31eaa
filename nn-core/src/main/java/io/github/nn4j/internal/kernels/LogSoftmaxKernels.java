package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log-softmax over each row and its backward pass, and the negative log-likelihood that pairs with
 * it, on the {@link KernelPath} rule: Java loops for small float arrays (sums in double), ND4J
 * operations otherwise.
 *
 * <pre>
 * y_ic = z_ic − m_i − log Σ_k e^(z_ik − m_i)      (m_i the row maximum: stable for any logits)
 * backward: dz_ic = g_ic − e^(y_ic)·Σ_k g_ik
 * </pre>
 */
public final class LogSoftmaxKernels {

    private LogSoftmaxKernels() {
    }

    /**
     * {@code output = log softmax(input)} row by row.
     *
     * @param input  {@code [rows, classes]}
     * @param output {@code [rows, classes]}, overwritten
     */
    public static void forward(INDArray input, INDArray output) {
        if (!KernelPath.javaPath(input, output)) {
            Nd4j.exec(new LogSoftMax(input, output));   // over the last axis: each row
            return;
        }
        FloatBuffer z = KernelPath.floats(input);
        FloatBuffer y = KernelPath.floats(output);
        int classes = (int) input.columns();
        for (int i = 0, base = 0, rows = (int) input.rows(); i < rows; i++, base += classes) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z.get(base + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z.get(base + c) - (double) max);
            }
            double shift = max + Math.log(sum);
            for (int c = 0; c < classes; c++) {
                y.put(base + c, (float) (z.get(base + c) - shift));
            }
        }
    }

    /**
     * {@code inputGradient = g − e^(output)·Σ_k g_k} row by row.
     *
     * @param output         the forward pass's output {@code [rows, classes]}
     * @param outputGradient g {@code [rows, classes]}
     * @param rowScratch     {@code [rows, 1]} scratch
     * @param inputGradient  {@code [rows, classes]}, overwritten
     */
    public static void backward(INDArray output, INDArray outputGradient, INDArray rowScratch, INDArray inputGradient) {
        if (!KernelPath.javaPath(output, outputGradient, rowScratch, inputGradient)) {
            outputGradient.sum(rowScratch, true, 1);
            Transforms.exp(inputGradient.assign(output), false).muliColumnVector(rowScratch).rsubi(outputGradient);
            return;
        }
        FloatBuffer y = KernelPath.floats(output);
        FloatBuffer g = KernelPath.floats(outputGradient);
        FloatBuffer dz = KernelPath.floats(inputGradient);
        int classes = (int) output.columns();
        for (int i = 0, base = 0, rows = (int) output.rows(); i < rows; i++, base += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += g.get(base + c);
            }
            for (int c = 0; c < classes; c++) {
                dz.put(base + c, (float) (g.get(base + c) - Math.exp(y.get(base + c)) * sum));
            }
        }
    }

    /**
     * The summed negative log-likelihood {@code −Σ_i Σ_c t_ic·y_ic} of log-probabilities y and target
     * rows t; zero targets are skipped, so a log-probability of −∞ where the target is 0 adds 0.
     *
     * @param logProbabilities {@code [rows, classes]}
     * @param targets          {@code [rows, classes]} (usually one-hot)
     * @return the sum over rows, not divided by anything
     */
    public static double negativeLogLikelihoodSum(INDArray logProbabilities, INDArray targets) {
        if (!KernelPath.javaPath(logProbabilities, targets)) {
            double[] y = logProbabilities.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] t = targets.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum -= t[i] == 0 ? 0 : t[i] * y[i];
            }
            return sum;
        }
        FloatBuffer y = KernelPath.floats(logProbabilities);
        FloatBuffer t = KernelPath.floats(targets);
        double sum = 0;
        for (int i = 0, n = (int) logProbabilities.length(); i < n; i++) {
            float target = t.get(i);
            if (target != 0) {
                sum -= target * (double) y.get(i);
            }
        }
        return sum;
    }
}
