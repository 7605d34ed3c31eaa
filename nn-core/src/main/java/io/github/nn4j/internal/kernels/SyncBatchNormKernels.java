package io.github.nn4j.internal.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization of a share of a batch with the whole batch's statistics, which the caller
 * obtains in between ({@code BatchNorm} in a pass that names {@code BatchStatistics}). In-place ND4J
 * operations into the caller's buffers; the moments and sums cross as double arrays.
 *
 * <pre>
 * forward:  local (n_i, μ_i, m2_i) → batch (N, μ, m2);  σ² = m2/N;  r = 1/√(σ² + ε)
 *           x̂ = (x − μ)·r;  y = γ·x̂ + β
 * backward: local Σ g, Σ g·x̂ are this share's dβ, dγ (they add up over the shares);
 *           with the batch's sums:  dx = (γ·r/N)·(N·g − Σ_batch g − x̂·Σ_batch g·x̂)
 * </pre>
 */
public final class SyncBatchNormKernels {

    private SyncBatchNormKernels() {
    }

    /**
     * The column means of {@code x}'s rows and the column sums of squared deviations from them.
     *
     * @param x       {@code [B, n]}
     * @param scratch {@code [B, n]}, overwritten
     * @param sums    {@code [1, n]} scratch, overwritten
     * @return {@code {mean, m2}}, in double precision
     */
    public static double[][] moments(INDArray x, INDArray scratch, INDArray sums) {
        long rows = x.rows();
        BiasKernels.columnSums(x, sums);
        double[] mean = sums.toDoubleVector();
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= rows;
        }
        INDArray centered = scratch.assign(x).subiRowVector(row(mean, x));
        BiasKernels.columnSums(centered.muli(centered), sums);
        return new double[][] {mean, sums.toDoubleVector()};
    }

    /**
     * Normalizes with the batch's moments: fills the layer's statistics and writes x̂ and y.
     *
     * @param x          {@code [B, n]}
     * @param count      N, the whole batch's rows
     * @param batchMean  the whole batch's column means
     * @param batchM2    the whole batch's column sums of squared deviations
     * @param gamma      γ {@code [1, n]}
     * @param beta       β {@code [1, n]}
     * @param eps        ε
     * @param mean       {@code [1, n]}, overwritten with μ
     * @param variance   {@code [1, n]}, overwritten with the biased σ²
     * @param invStd     {@code [1, n]}, overwritten with r
     * @param normalized {@code [B, n]}, overwritten with x̂
     * @param output     {@code [B, n]}, overwritten with y
     */
    public static void normalize(INDArray x, long count, double[] batchMean, double[] batchM2, INDArray gamma,
            INDArray beta, double eps, INDArray mean, INDArray variance, INDArray invStd, INDArray normalized,
            INDArray output) {
        int n = batchMean.length;
        double[] var = new double[n];
        double[] r = new double[n];
        for (int j = 0; j < n; j++) {
            var[j] = batchM2[j] / count;
            r[j] = 1.0 / Math.sqrt(var[j] + eps);
        }
        mean.assign(row(batchMean, mean));
        variance.assign(row(var, variance));
        invStd.assign(row(r, invStd));
        normalized.assign(x).subiRowVector(mean).muliRowVector(invStd);
        output.assign(normalized).muliRowVector(gamma).addiRowVector(beta);
    }

    /**
     * This share's parameter gradients, whose sums over the shares are the batch's.
     *
     * @param outputGradient g = dL/dy {@code [B, n]}
     * @param normalized     x̂ {@code [B, n]}
     * @param gammaGradient  {@code [1, n]}, overwritten with this share's Σ g·x̂
     * @param betaGradient   {@code [1, n]}, overwritten with this share's Σ g
     * @param scratch        {@code [B, n]}, overwritten
     */
    public static void parameterGradients(INDArray outputGradient, INDArray normalized, INDArray gammaGradient,
            INDArray betaGradient, INDArray scratch) {
        BiasKernels.columnSums(outputGradient, betaGradient);
        BiasKernels.columnSums(scratch.assign(outputGradient).muli(normalized), gammaGradient);
    }

    /**
     * The input gradient from the whole batch's sums:
     * {@code dx = (γ·r/N)·(N·g − Σ_batch g − x̂·Σ_batch g·x̂)}.
     *
     * @param outputGradient g = dL/dy {@code [B, n]}
     * @param normalized     x̂ {@code [B, n]}
     * @param gamma          γ {@code [1, n]}
     * @param invStd         r {@code [1, n]}
     * @param count          N, the rows of the whole batch
     * @param sumG           Σ_batch g, one per column
     * @param sumGX          Σ_batch g·x̂, one per column
     * @param scale          {@code [1, n]} scratch
     * @param inputGradient  {@code [B, n]}, overwritten with dx
     */
    public static void inputGradient(INDArray outputGradient, INDArray normalized, INDArray gamma, INDArray invStd,
            long count, double[] sumG, double[] sumGX, INDArray scale, INDArray inputGradient) {
        scale.assign(gamma).muli(invStd);
        inputGradient.assign(normalized).muliRowVector(row(sumGX, normalized)).addiRowVector(row(sumG, normalized))
                .muli(1.0 / count).rsubi(outputGradient).muliRowVector(scale);
    }

    /** {@code values} as a {@code [1, n]} row of {@code like}'s data type. */
    private static INDArray row(double[] values, INDArray like) {
        INDArray row = Nd4j.createFromArray(values).reshape(1, values.length);
        return like.dataType() == row.dataType() ? row : row.castTo(like.dataType());
    }
}
