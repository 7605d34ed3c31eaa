package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization over the rows of a {@code [batch, n]} array, column by column, on the
 * {@link KernelPath} rule: a Java loop for small float arrays (sums in double), in-place ND4J
 * operations into the caller's buffers otherwise. Neither path allocates.
 *
 * <pre>
 * μ_j = (1/B) Σ_i x_ij     σ²_j = (1/B) Σ_i (x_ij − μ_j)²     r_j = 1/√(σ²_j + ε)
 * x̂_ij = (x_ij − μ_j)·r_j     y_ij = γ_j·x̂_ij + β_j
 * backward: dβ_j = Σ_i g_ij   dγ_j = Σ_i g_ij·x̂_ij   dx_ij = (γ_j·r_j/B)·(B·g_ij − dβ_j − x̂_ij·dγ_j)
 * </pre>
 */
public final class BatchNormKernels {

    private BatchNormKernels() {
    }

    /**
     * The training forward pass: the batch's statistics, the normalized input and the output.
     *
     * @param x          {@code [B, n]}
     * @param gamma      γ {@code [1, n]}
     * @param beta       β {@code [1, n]}
     * @param eps        ε
     * @param mean       {@code [1, n]}, overwritten with μ
     * @param variance   {@code [1, n]}, overwritten with the biased variance σ²
     * @param invStd     {@code [1, n]}, overwritten with r
     * @param normalized {@code [B, n]}, overwritten with x̂
     * @param output     {@code [B, n]}, overwritten with y
     */
    public static void trainForward(INDArray x, INDArray gamma, INDArray beta, double eps, INDArray mean,
            INDArray variance, INDArray invStd, INDArray normalized, INDArray output) {
        int rows = (int) x.rows();
        if (!KernelPath.javaPath(x, gamma, beta, mean, variance, invStd, normalized, output)) {
            BiasKernels.columnSums(x, mean);
            mean.muli(1.0 / rows);
            normalized.assign(x).subiRowVector(mean);
            output.assign(normalized).muli(normalized);
            BiasKernels.columnSums(output, variance);
            variance.muli(1.0 / rows);
            Transforms.sqrt(invStd.assign(variance).addi(eps), false).rdivi(1.0);
            normalized.muliRowVector(invStd);
            output.assign(normalized).muliRowVector(gamma).addiRowVector(beta);
            return;
        }
        int n = (int) x.columns();
        FloatBuffer in = KernelPath.floats(x);
        double[][] scratch = ColumnScratch.atLeast(n);
        double[] mu = scratch[0];
        double[] squares = scratch[1];
        java.util.Arrays.fill(mu, 0, n, 0);
        java.util.Arrays.fill(squares, 0, n, 0);
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                mu[j] += in.get(base + j);
            }
        }
        for (int j = 0; j < n; j++) {
            mu[j] /= rows;
        }
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                double d = in.get(base + j) - mu[j];
                squares[j] += d * d;
            }
        }
        FloatBuffer m = KernelPath.floats(mean);
        FloatBuffer v = KernelPath.floats(variance);
        FloatBuffer r = KernelPath.floats(invStd);
        for (int j = 0; j < n; j++) {
            double var = squares[j] / rows;
            m.put(j, (float) mu[j]);
            v.put(j, (float) var);
            squares[j] = 1.0 / Math.sqrt(var + eps);   // from here on, r_j in double
            r.put(j, (float) squares[j]);
        }
        FloatBuffer g = KernelPath.floats(gamma);
        FloatBuffer b = KernelPath.floats(beta);
        FloatBuffer xhat = KernelPath.floats(normalized);
        FloatBuffer y = KernelPath.floats(output);
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                float normal = (float) ((in.get(base + j) - mu[j]) * squares[j]);
                xhat.put(base + j, normal);
                y.put(base + j, g.get(j) * normal + b.get(j));
            }
        }
    }

    /**
     * Moves the running statistics towards the batch's, PyTorch's way:
     * {@code running_mean ← (1 − m)·running_mean + m·μ},
     * {@code running_var ← (1 − m)·running_var + m·σ²·B/(B − 1)} (the unbiased variance).
     * Uses {@code mean} and {@code variance} as scratch: they are changed.
     *
     * @param runningMean {@code [1, n]}, updated
     * @param runningVar  {@code [1, n]}, updated
     * @param mean        the batch's μ {@code [1, n]}
     * @param variance    the batch's biased σ² {@code [1, n]}
     * @param momentum    m, in [0, 1]
     * @param rows        B, at least 2
     */
    public static void updateRunning(INDArray runningMean, INDArray runningVar, INDArray mean, INDArray variance,
            double momentum, long rows) {
        double unbias = (double) rows / (rows - 1);
        if (!KernelPath.javaPath(runningMean, runningVar, mean, variance)) {
            runningMean.muli(1 - momentum).addi(mean.muli(momentum));
            runningVar.muli(1 - momentum).addi(variance.muli(momentum * unbias));
            return;
        }
        FloatBuffer rm = KernelPath.floats(runningMean);
        FloatBuffer rv = KernelPath.floats(runningVar);
        FloatBuffer m = KernelPath.floats(mean);
        FloatBuffer v = KernelPath.floats(variance);
        for (int j = 0, n = (int) mean.length(); j < n; j++) {
            rm.put(j, (float) ((1 - momentum) * rm.get(j) + momentum * m.get(j)));
            rv.put(j, (float) ((1 - momentum) * rv.get(j) + momentum * v.get(j) * unbias));
        }
    }

    /**
     * The inference pass with the running statistics:
     * {@code y = x·a + c} with {@code a = γ/√(running_var + ε)} and {@code c = β − running_mean·a}.
     *
     * @param x           {@code [B, n]}
     * @param gamma       γ {@code [1, n]}
     * @param beta        β {@code [1, n]}
     * @param runningMean {@code [1, n]}
     * @param runningVar  {@code [1, n]}
     * @param eps         ε
     * @param output      {@code [B, n]}, overwritten with y
     */
    public static void evalForward(INDArray x, INDArray gamma, INDArray beta, INDArray runningMean,
            INDArray runningVar, double eps, INDArray output) {
        if (!KernelPath.javaPath(x, gamma, beta, runningMean, runningVar, output)) {
            INDArray a = Transforms.sqrt(runningVar.add(eps), false).rdivi(gamma);
            INDArray c = runningMean.mul(a).rsubi(beta);
            output.assign(x).muliRowVector(a).addiRowVector(c);
            return;
        }
        int n = (int) x.columns();
        double[][] scratch = ColumnScratch.atLeast(n);
        double[] a = scratch[0];
        double[] c = scratch[1];
        FloatBuffer g = KernelPath.floats(gamma);
        FloatBuffer b = KernelPath.floats(beta);
        FloatBuffer rm = KernelPath.floats(runningMean);
        FloatBuffer rv = KernelPath.floats(runningVar);
        for (int j = 0; j < n; j++) {
            a[j] = g.get(j) / Math.sqrt(rv.get(j) + eps);
            c[j] = b.get(j) - rm.get(j) * a[j];
        }
        FloatBuffer in = KernelPath.floats(x);
        FloatBuffer y = KernelPath.floats(output);
        for (int i = 0, base = 0, rows = (int) x.rows(); i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                y.put(base + j, (float) (in.get(base + j) * a[j] + c[j]));
            }
        }
    }

    /**
     * The backward pass of {@link #trainForward}.
     *
     * @param outputGradient g = dL/dy {@code [B, n]}
     * @param normalized     x̂ of the forward pass {@code [B, n]}
     * @param gamma          γ {@code [1, n]}
     * @param invStd         r of the forward pass {@code [1, n]}
     * @param gammaGradient  {@code [1, n]}, overwritten with dγ
     * @param betaGradient   {@code [1, n]}, overwritten with dβ
     * @param scale          {@code [1, n]} scratch
     * @param inputGradient  {@code [B, n]}, overwritten with dx (also used as scratch when dx is not wanted)
     * @param wantInput      whether dx is wanted
     */
    public static void backward(INDArray outputGradient, INDArray normalized, INDArray gamma, INDArray invStd,
            INDArray gammaGradient, INDArray betaGradient, INDArray scale, INDArray inputGradient, boolean wantInput) {
        long rows = outputGradient.rows();
        if (!KernelPath.javaPath(outputGradient, normalized, gamma, invStd, gammaGradient, betaGradient, scale,
                inputGradient)) {
            BiasKernels.columnSums(outputGradient, betaGradient);
            BiasKernels.columnSums(inputGradient.assign(outputGradient).muli(normalized), gammaGradient);
            if (wantInput) {
                scale.assign(gamma).muli(invStd);
                inputGradient.assign(normalized).muliRowVector(gammaGradient).addiRowVector(betaGradient)
                        .muli(1.0 / rows).rsubi(outputGradient).muliRowVector(scale);
            }
            return;
        }
        int n = (int) outputGradient.columns();
        double[][] scratch = ColumnScratch.atLeast(n);
        double[] dBeta = scratch[0];
        double[] dGamma = scratch[1];
        java.util.Arrays.fill(dBeta, 0, n, 0);
        java.util.Arrays.fill(dGamma, 0, n, 0);
        FloatBuffer g = KernelPath.floats(outputGradient);
        FloatBuffer xhat = KernelPath.floats(normalized);
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                float gradient = g.get(base + j);
                dBeta[j] += gradient;
                dGamma[j] += gradient * (double) xhat.get(base + j);
            }
        }
        FloatBuffer dg = KernelPath.floats(gammaGradient);
        FloatBuffer db = KernelPath.floats(betaGradient);
        for (int j = 0; j < n; j++) {
            dg.put(j, (float) dGamma[j]);
            db.put(j, (float) dBeta[j]);
        }
        if (!wantInput) {
            return;
        }
        FloatBuffer gammas = KernelPath.floats(gamma);
        FloatBuffer r = KernelPath.floats(invStd);
        double[] factor = scratch[2];
        for (int j = 0; j < n; j++) {
            factor[j] = (double) gammas.get(j) * r.get(j) / rows;
        }
        FloatBuffer dx = KernelPath.floats(inputGradient);
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            for (int j = 0; j < n; j++) {
                dx.put(base + j, (float) (factor[j]
                        * (rows * (double) g.get(base + j) - dBeta[j] - xhat.get(base + j) * dGamma[j])));
            }
        }
    }
}
