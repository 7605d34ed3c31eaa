package io.github.nn4j.layers;

import io.github.nn4j.base.BatchStatistics;
import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.ColumnMoments;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.internal.kernels.BatchNormKernels;
import io.github.nn4j.internal.kernels.SyncBatchNormKernels;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization of each feature over the batch, with PyTorch's {@code BatchNorm1d} semantics
 * and defaults ({@code ε = 1e-5}, {@code momentum = 0.1}, affine γ and β, running statistics):
 *
 * <pre>
 * TRAIN:  μ_B = mean over the batch's rows, σ²_B = their biased variance
 *         y = γ ⊙ (x − μ_B)/√(σ²_B + ε) + β
 *         running_mean ← (1 − m)·running_mean + m·μ_B
 *         running_var  ← (1 − m)·running_var  + m·σ²_B·B/(B − 1)     (the unbiased variance)
 * EVAL:   y = γ ⊙ (x − running_mean)/√(running_var + ε) + β
 * </pre>
 * Shapes {@code [batch, features] → [batch, features]}; parameters {@code gamma} and
 * {@code beta}, {@code [1, features]}, start at 1 and 0 (γ is a {@link ParameterKind#SCALE}: no
 * penalty or weight decay by default, as for biases); state {@code running_mean} and
 * {@code running_var}, {@code [1, features]}, start at 0 and 1 ({@link ParameterKind#STATE}: the
 * forward pass updates them, no optimizer sees them, the model file keeps them).
 *
 * <p>Backward, with {@code x̂ = (x − μ_B)/√(σ²_B + ε)} and {@code G = dL/dy}:
 * {@code dL/dγ = Σ_rows G ⊙ x̂}, {@code dL/dβ = Σ_rows G},
 * {@code dL/dx = γ/(B·√(σ²_B + ε)) ⊙ (B·G − Σ_rows G − x̂ ⊙ Σ_rows(G ⊙ x̂))}.
 * Training needs at least two rows per batch (a variance of one row is undefined; PyTorch refuses
 * it too). Both passes run as Java loops over reused buffers for small float batches
 * ({@link BatchNormKernels}).
 *
 * <p>A trainer that computes a batch in shares (data-parallel workers) names a
 * {@link BatchStatistics} in each share's {@link TrainingPass}: the layer then normalizes with the
 * whole batch's statistics and backpropagates with its sums, so the shares together compute what
 * one pass over the batch computes (PyTorch's {@code SyncBatchNorm}).
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(20, 64), new BatchNorm(64), new ReLU(), new Dense(64, 2));
 * model.states().get(0).name();   // "batchnorm0.running_mean"
 * }</pre>
 */
public final class BatchNorm implements Layer {

    /** PyTorch's default ε. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's default momentum: the weight of the new batch in the running statistics. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final int features;
    private final double eps;
    private final double momentum;

    private final LayerOwner owner = new LayerOwner();

    private INDArray gamma;
    private INDArray beta;
    private INDArray gammaGradient;
    private INDArray betaGradient;
    private INDArray runningMean;
    private INDArray runningVar;

    private INDArray mean;
    private INDArray variance;
    private INDArray invStd;
    private INDArray scale;
    private INDArray normalized;
    private INDArray output;
    private INDArray inputGradient;
    /** The last TRAIN pass's source of batch statistics, or {@code null}: the pass's rows were the batch. */
    private BatchStatistics synced;
    /** The rows of the last TRAIN pass's batch. */
    private long batchRows;

    /**
     * Batch normalization of {@code features} features with PyTorch's defaults.
     *
     * @param features number of features, at least 1
     */
    public BatchNorm(int features) {
        this(features, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    /**
     * Batch normalization with chosen ε and momentum.
     *
     * @param features number of features, at least 1
     * @param eps      ε added to the variance, positive
     * @param momentum the new batch's weight in the running statistics, in [0, 1] (PyTorch's convention)
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public BatchNorm(int features, double eps, double momentum) {
        if (features <= 0 || !(eps > 0) || Double.isInfinite(eps) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm needs features ≥ 1, ε > 0 and momentum in [0, 1], got "
                    + "features = " + features + ", eps = " + eps + ", momentum = " + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
    }

    /** The number of features. */
    public int features() {
        return features;
    }

    /** ε, added to the variance. */
    public double eps() {
        return eps;
    }

    /** The weight of a new batch's statistics in the running ones. */
    public double momentum() {
        return momentum;
    }

    @Override
    public LayerOwner owner() {
        return owner;
    }

    @Override
    public String typeName() {
        return LayerType.BATCH_NORM.typeName();
    }

    @Override
    public int inputSize() {
        return features;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != features) {
            throw new IllegalArgumentException(this + " expects " + features + " input features, got " + inputSize);
        }
        return features;
    }

    @Override
    public List<ParameterSpec> parameterSpecs() {
        return List.of(
                new ParameterSpec("gamma", 1, features, ParameterKind.SCALE, features, features),
                new ParameterSpec("beta", 1, features, ParameterKind.BIAS, features, features),
                ParameterSpec.state("running_mean", features, 0.0),
                ParameterSpec.state("running_var", features, 1.0));
    }

    @Override
    public void bindParameters(List<Parameter> parameters) {
        if (parameters.size() != 4) {
            throw new IllegalArgumentException(this + " needs gamma, beta, running_mean and running_var, got "
                    + parameters);
        }
        gamma = parameters.get(0).value();
        gammaGradient = parameters.get(0).gradient();
        beta = parameters.get(1).value();
        betaGradient = parameters.get(1).gradient();
        runningMean = parameters.get(2).value();
        runningVar = parameters.get(3).value();
        mean = Nd4j.create(gamma.dataType(), 1, features);
        variance = Nd4j.create(gamma.dataType(), 1, features);
        invStd = Nd4j.create(gamma.dataType(), 1, features);
        scale = Nd4j.create(gamma.dataType(), 1, features);
        normalized = null;
        output = null;
        inputGradient = null;
    }

    /**
     * As {@link #forward(INDArray, Mode)}, except that in {@link Mode#TRAIN}, when {@code pass} names
     * {@link BatchStatistics}, the input is a share of a larger batch: the layer normalizes with the
     * whole batch's mean and variance, moves the running statistics towards them (with the batch's
     * row count in the unbiased variance), and its backward pass takes the batch's sums from the same
     * source. The batch, not the share, needs at least two rows.
     */
    @Override
    public INDArray forward(INDArray input, Mode mode, TrainingPass pass) {
        if (mode != Mode.TRAIN || pass == null || pass.batchStatistics() == null) {
            return forward(input, mode);
        }
        requireParameters();
        Shapes.requireMatrix(input, features, this, "input");
        long rows = input.rows();
        normalized = Buffers.reuse(normalized, rows, features, gamma.dataType());
        output = Buffers.reuse(output, rows, features, gamma.dataType());
        double[][] local = SyncBatchNormKernels.moments(input, normalized, scale);
        ColumnMoments batch = pass.batchStatistics().batchMoments(new ColumnMoments(rows, local[0], local[1]));
        if (batch.columns() != features || batch.count() < 2) {
            throw new IllegalArgumentException(this + " needs the moments of at least 2 rows over " + features
                    + " features in training, got " + batch.count() + " rows over " + batch.columns());
        }
        SyncBatchNormKernels.normalize(input, batch.count(), batch.mean(), batch.m2(), gamma, beta, eps, mean,
                variance, invStd, normalized, output);
        BatchNormKernels.updateRunning(runningMean, runningVar, mean, variance, momentum, batch.count());
        synced = pass.batchStatistics();
        batchRows = batch.count();
        return output;
    }

    @Override
    public INDArray forward(INDArray input, Mode mode) {
        requireParameters();
        Shapes.requireMatrix(input, features, this, "input");
        long rows = input.rows();
        if (mode == Mode.EVAL) {
            INDArray result = Buffers.output(mode, null, rows, features, gamma.dataType());
            BatchNormKernels.evalForward(input, gamma, beta, runningMean, runningVar, eps, result);
            return result;
        }
        if (rows < 2) {
            throw new IllegalArgumentException(this + " needs at least 2 rows per batch in training to estimate a "
                    + "variance, got " + Shapes.of(input) + " (PyTorch refuses this too; a trainer's dropLastBatch(true) "
                    + "leaves out a short last batch)");
        }
        normalized = Buffers.reuse(normalized, rows, features, gamma.dataType());
        output = Buffers.reuse(output, rows, features, gamma.dataType());
        BatchNormKernels.trainForward(input, gamma, beta, eps, mean, variance, invStd, normalized, output);
        BatchNormKernels.updateRunning(runningMean, runningVar, mean, variance, momentum, rows);
        synced = null;
        return output;
    }

    private void requireParameters() {
        if (gamma == null) {
            throw new IllegalStateException(this + " has no parameters yet: put it in a Sequential model");
        }
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        BackwardCheck.check(this, output, outputGradient);
        inputGradient = Buffers.reuse(inputGradient, output.rows(), features, output.dataType());
        if (synced != null) {
            SyncBatchNormKernels.parameterGradients(outputGradient, normalized, gammaGradient, betaGradient,
                    inputGradient);
            double[] sumG = betaGradient.toDoubleVector();
            double[] sumGX = gammaGradient.toDoubleVector();
            synced.batchGradientSums(sumG, sumGX);
            if (!needInputGradient) {
                return null;
            }
            SyncBatchNormKernels.inputGradient(outputGradient, normalized, gamma, invStd, batchRows, sumG, sumGX, scale,
                    inputGradient);
            return inputGradient;
        }
        BatchNormKernels.backward(outputGradient, normalized, gamma, invStd, gammaGradient, betaGradient, scale,
                inputGradient, needInputGradient);
        return needInputGradient ? inputGradient : null;
    }

    /** The normalization and its gradients with the batch's statistics, and the running statistics' updates. */
    @Override
    public LayerFormulas formulas() {
        String m = Double.toString(momentum);
        String keep = Double.toString(1 - momentum);
        return LayerFormulas.of("{layer}", "γ{k} ⊙ ({in} − μ_B)/√(σ²_B + ε) + β{k}",
                "γ{k}/(B·√(σ²_B + ε)) ⊙ (B·{dout} − Σ_rows {dout} − x̂ ⊙ Σ_rows({dout} ⊙ x̂))")
                .withParameter("gamma", "γ{k}", "Σ_rows {dout} ⊙ x̂, x̂ = ({in} − μ_B)/√(σ²_B + ε)")
                .withParameter("beta", "β{k}", "Σ_rows {dout}")
                .withState("running_mean", "μ̄{k}", keep + "·μ̄{k} + " + m + "·μ_B")
                .withState("running_var", "σ̄²{k}", keep + "·σ̄²{k} + " + m + "·σ²_B·B/(B − 1)");
    }

    /** {@code {"features": n, "eps": ε, "momentum": m}}. */
    @Override
    public Map<String, Object> config() {
        return Map.of("features", features, "eps", eps, "momentum", momentum);
    }

    @Override
    public String toString() {
        return "BatchNorm(" + features + (eps == DEFAULT_EPS && momentum == DEFAULT_MOMENTUM ? ""
                : ", eps=" + eps + ", momentum=" + momentum) + ")";
    }
}
