package io.github.nn4j.layers;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.internal.kernels.LayerNormKernels;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer normalization of each example over its features, with PyTorch's {@code LayerNorm} semantics
 * over the last dimension ({@code ε = 1e-5}, element-wise affine γ and β):
 *
 * <pre>
 * μ_i = mean of row i, σ²_i = its biased variance
 * y_i = γ ⊙ (x_i − μ_i)/√(σ²_i + ε) + β          (the same in TRAIN and EVAL: no running statistics)
 * </pre>
 * Shapes {@code [batch, features] → [batch, features]}; parameters {@code gamma} and {@code beta},
 * {@code [1, features]}, start at 1 and 0 (γ is a {@link ParameterKind#SCALE}, like a bias free
 * of penalties by default).
 *
 * <p>Backward, with {@code x̂_i = (x_i − μ_i)/√(σ²_i + ε)}, {@code G = dL/dy} and {@code H = G ⊙ γ}:
 * {@code dL/dγ = Σ_rows G ⊙ x̂}, {@code dL/dβ = Σ_rows G},
 * {@code dL/dx_i = (H_i − mean(H_i) − x̂_i·mean(H_i ⊙ x̂_i))/√(σ²_i + ε)}. Both passes run as Java
 * loops over reused buffers for small float batches ({@link LayerNormKernels}).
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(20, 64), new LayerNorm(64), new ReLU(), new Dense(64, 2));
 * }</pre>
 */
public final class LayerNorm implements Layer {

    /** PyTorch's default ε. */
    public static final double DEFAULT_EPS = 1e-5;

    private final int features;
    private final double eps;

    private final LayerOwner owner = new LayerOwner();

    private INDArray gamma;
    private INDArray beta;
    private INDArray gammaGradient;
    private INDArray betaGradient;

    private INDArray mean;
    private INDArray invStd;
    private INDArray rowScratch;
    private INDArray normalized;
    private INDArray scratch;
    private INDArray output;
    private INDArray inputGradient;

    /**
     * Layer normalization over {@code features} features with PyTorch's default ε.
     *
     * @param features number of features, at least 1
     */
    public LayerNorm(int features) {
        this(features, DEFAULT_EPS);
    }

    /**
     * Layer normalization with a chosen ε.
     *
     * @param features number of features, at least 1
     * @param eps      ε added to each row's variance, positive
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public LayerNorm(int features, double eps) {
        if (features <= 0 || !(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm needs features ≥ 1 and ε > 0, got features = " + features
                    + ", eps = " + eps);
        }
        this.features = features;
        this.eps = eps;
    }

    /** The number of features. */
    public int features() {
        return features;
    }

    /** ε, added to each row's variance. */
    public double eps() {
        return eps;
    }

    @Override
    public LayerOwner owner() {
        return owner;
    }

    @Override
    public String typeName() {
        return LayerType.LAYER_NORM.typeName();
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
                new ParameterSpec("beta", 1, features, ParameterKind.BIAS, features, features));
    }

    @Override
    public void bindParameters(List<Parameter> parameters) {
        if (parameters.size() != 2) {
            throw new IllegalArgumentException(this + " needs gamma and beta, got " + parameters);
        }
        gamma = parameters.get(0).value();
        gammaGradient = parameters.get(0).gradient();
        beta = parameters.get(1).value();
        betaGradient = parameters.get(1).gradient();
        output = null;
    }

    @Override
    public INDArray forward(INDArray input, Mode mode) {
        if (gamma == null) {
            throw new IllegalStateException(this + " has no parameters yet: put it in a Sequential model");
        }
        Shapes.requireMatrix(input, features, this, "input");
        long rows = input.rows();
        if (mode == Mode.EVAL) {   // this thread's own arrays: nothing of the layer is touched
            INDArray rowMean = Buffers.output(mode, null, rows, 1, gamma.dataType());
            INDArray rowInvStd = Buffers.output(mode, null, rows, 1, gamma.dataType());
            INDArray normal = Buffers.output(mode, null, rows, features, gamma.dataType());
            INDArray result = Buffers.output(mode, null, rows, features, gamma.dataType());
            LayerNormKernels.forward(input, gamma, beta, eps, rowMean, rowInvStd, normal, result);
            return result;
        }
        mean = Buffers.reuse(mean, rows, 1, gamma.dataType());
        invStd = Buffers.reuse(invStd, rows, 1, gamma.dataType());
        normalized = Buffers.reuse(normalized, rows, features, gamma.dataType());
        output = Buffers.reuse(output, rows, features, gamma.dataType());
        LayerNormKernels.forward(input, gamma, beta, eps, mean, invStd, normalized, output);
        return output;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        BackwardCheck.check(this, output, outputGradient);
        long rows = output.rows();
        rowScratch = Buffers.reuse(rowScratch, rows, 1, output.dataType());
        scratch = Buffers.reuse(scratch, rows, features, output.dataType());
        inputGradient = Buffers.reuse(inputGradient, rows, features, output.dataType());
        LayerNormKernels.backward(outputGradient, normalized, gamma, invStd, gammaGradient, betaGradient, rowScratch,
                scratch, inputGradient, needInputGradient);
        return needInputGradient ? inputGradient : null;
    }

    /** The row-wise normalization and its gradients. */
    @Override
    public LayerFormulas formulas() {
        return LayerFormulas.of("{layer}", "γ{k} ⊙ ({in} − μ_row)/√(σ²_row + ε) + β{k}",
                "(H − mean_row H − x̂ ⊙ mean_row(H ⊙ x̂))/√(σ²_row + ε), H = {dout} ⊙ γ{k}")
                .withParameter("gamma", "γ{k}", "Σ_rows {dout} ⊙ x̂, x̂ = ({in} − μ_row)/√(σ²_row + ε)")
                .withParameter("beta", "β{k}", "Σ_rows {dout}");
    }

    /** {@code {"features": n, "eps": ε}}. */
    @Override
    public Map<String, Object> config() {
        return Map.of("features", features, "eps", eps);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + features + (eps == DEFAULT_EPS ? "" : ", eps=" + eps) + ")";
    }
}
