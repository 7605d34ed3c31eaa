package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalization of each row of a {@code [batch, n]} array over its n features, on the
 * {@link KernelPath} rule: a Java loop for small float arrays (sums in double), in-place ND4J
 * operations into the caller's buffers otherwise.
 *
 * <pre>
 * μ_i = (1/n) Σ_j x_ij     σ²_i = (1/n) Σ_j (x_ij − μ_i)²     r_i = 1/√(σ²_i + ε)
 * x̂_ij = (x_ij − μ_i)·r_i     y_ij = γ_j·x̂_ij + β_j
 * backward, with h_ij = g_ij·γ_j:   dβ_j = Σ_i g_ij   dγ_j = Σ_i g_ij·x̂_ij
 *                                   dx_ij = r_i·(h_ij − (1/n) Σ_k h_ik − x̂_ij·(1/n) Σ_k h_ik·x̂_ik)
 * </pre>
 */
public final class LayerNormKernels {

    private LayerNormKernels() {
    }

    /**
     * The forward pass, the same in training and inference.
     *
     * @param x          {@code [B, n]}
     * @param gamma      γ {@code [1, n]}
     * @param beta       β {@code [1, n]}
     * @param eps        ε
     * @param mean       {@code [B, 1]} scratch, overwritten with μ
     * @param invStd     {@code [B, 1]}, overwritten with r
     * @param normalized {@code [B, n]}, overwritten with x̂
     * @param output     {@code [B, n]}, overwritten with y
     */
    public static void forward(INDArray x, INDArray gamma, INDArray beta, double eps, INDArray mean, INDArray invStd,
            INDArray normalized, INDArray output) {
        if (!KernelPath.javaPath(x, gamma, beta, mean, invStd, normalized, output)) {
            x.mean(mean, true, 1);
            normalized.assign(x).subiColumnVector(mean);
            output.assign(normalized).muli(normalized).mean(invStd, true, 1);
            Transforms.sqrt(invStd.addi(eps), false).rdivi(1.0);
            normalized.muliColumnVector(invStd);
            output.assign(normalized).muliRowVector(gamma).addiRowVector(beta);
            return;
        }
        int rows = (int) x.rows();
        int n = (int) x.columns();
        FloatBuffer in = KernelPath.floats(x);
        FloatBuffer g = KernelPath.floats(gamma);
        FloatBuffer b = KernelPath.floats(beta);
        FloatBuffer m = KernelPath.floats(mean);
        FloatBuffer r = KernelPath.floats(invStd);
        FloatBuffer xhat = KernelPath.floats(normalized);
        FloatBuffer y = KernelPath.floats(output);
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += in.get(base + j);
            }
            double mu = sum / n;
            double squares = 0;
            for (int j = 0; j < n; j++) {
                double d = in.get(base + j) - mu;
                squares += d * d;
            }
            double inv = 1.0 / Math.sqrt(squares / n + eps);
            m.put(i, (float) mu);
            r.put(i, (float) inv);
            for (int j = 0; j < n; j++) {
                float normal = (float) ((in.get(base + j) - mu) * inv);
                xhat.put(base + j, normal);
                y.put(base + j, g.get(j) * normal + b.get(j));
            }
        }
    }

    /**
     * The backward pass of {@link #forward}.
     *
     * @param outputGradient g = dL/dy {@code [B, n]}
     * @param normalized     x̂ of the forward pass {@code [B, n]}
     * @param gamma          γ {@code [1, n]}
     * @param invStd         r of the forward pass {@code [B, 1]}
     * @param gammaGradient  {@code [1, n]}, overwritten with dγ
     * @param betaGradient   {@code [1, n]}, overwritten with dβ
     * @param rowScratch     {@code [B, 1]} scratch
     * @param scratch        {@code [B, n]} scratch
     * @param inputGradient  {@code [B, n]}, overwritten with dx when wanted
     * @param wantInput      whether dx is wanted
     */
    public static void backward(INDArray outputGradient, INDArray normalized, INDArray gamma, INDArray invStd,
            INDArray gammaGradient, INDArray betaGradient, INDArray rowScratch, INDArray scratch,
            INDArray inputGradient, boolean wantInput) {
        int n = (int) outputGradient.columns();
        if (!KernelPath.javaPath(outputGradient, normalized, gamma, invStd, gammaGradient, betaGradient, rowScratch,
                scratch, inputGradient)) {
            BiasKernels.columnSums(outputGradient, betaGradient);
            BiasKernels.columnSums(scratch.assign(outputGradient).muli(normalized), gammaGradient);
            if (wantInput) {
                INDArray h = inputGradient.assign(outputGradient).muliRowVector(gamma);
                scratch.assign(h).muli(normalized).mean(rowScratch, true, 1);       // (1/n) Σ h·x̂
                scratch.assign(normalized).muliColumnVector(rowScratch);           // x̂·that
                h.mean(rowScratch, true, 1);                                       // (1/n) Σ h
                h.subiColumnVector(rowScratch).subi(scratch).muliColumnVector(invStd);
            }
            return;
        }
        int rows = (int) outputGradient.rows();
        FloatBuffer g = KernelPath.floats(outputGradient);
        FloatBuffer xhat = KernelPath.floats(normalized);
        FloatBuffer gammas = KernelPath.floats(gamma);
        double[][] sums = ColumnScratch.atLeast(n);
        double[] dBeta = sums[0];
        double[] dGamma = sums[1];
        java.util.Arrays.fill(dBeta, 0, n, 0);
        java.util.Arrays.fill(dGamma, 0, n, 0);
        FloatBuffer r = KernelPath.floats(invStd);
        FloatBuffer dx = KernelPath.floats(inputGradient);
        for (int i = 0, base = 0; i < rows; i++, base += n) {
            double hSum = 0;
            double hxSum = 0;
            for (int j = 0; j < n; j++) {
                double gradient = g.get(base + j);
                double normal = xhat.get(base + j);
                dBeta[j] += gradient;
                dGamma[j] += gradient * normal;
                double h = gradient * gammas.get(j);
                hSum += h;
                hxSum += h * normal;
            }
            if (wantInput) {
                double inv = r.get(i);
                double hMean = hSum / n;
                double hxMean = hxSum / n;
                for (int j = 0; j < n; j++) {
                    double h = g.get(base + j) * (double) gammas.get(j);
                    dx.put(base + j, (float) (inv * (h - hMean - xhat.get(base + j) * hxMean)));
                }
            }
        }
        FloatBuffer dg = KernelPath.floats(gammaGradient);
        FloatBuffer db = KernelPath.floats(betaGradient);
        for (int j = 0; j < n; j++) {
            dg.put(j, (float) dGamma[j]);
            db.put(j, (float) dBeta[j]);
        }
    }
}
