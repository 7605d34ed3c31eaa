package io.github.nn4j.layers;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.kernels.BiasKernels;
import io.github.nn4j.kernels.DirectBlas;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer: {@code H = X·W + b}.
 *
 * <p>Shapes: input {@code X} is {@code [batch, in]}, weights {@code W} are {@code [in, out]},
 * bias {@code b} is {@code [1, out]} and the output {@code H} is {@code [batch, out]}.
 * {@code W} is filled by the model's initializer (He, Xavier, Gaussian, ...); {@code b} starts
 * at zero. The parameters are named {@code W} and {@code b}, e.g. {@code dense0.W}.
 *
 * <p>Backward, with {@code G = dL/dH}: {@code dL/dW = Xᵀ·G}, {@code dL/db = Σ_rows G},
 * {@code dL/dX = G·Wᵀ}. Every product is one BLAS GEMM with transpose flags into a reused
 * buffer, called directly on the arrays' memory ({@code DirectBlas}); no transpose is materialised.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1));
 * INDArray h = model.forward(Nd4j.create(new float[][] {{0, 1}}), Mode.EVAL); // [1, 1]
 * }</pre>
 */
public final class Dense implements Layer {

    private final int in;
    private final int out;

    private final LayerOwner owner = new LayerOwner();

    private INDArray weights;
    private INDArray bias;
    private INDArray weightGradient;
    private INDArray biasGradient;

    private INDArray lastInput;
    private INDArray output;
    private INDArray inputGradient;

    /**
     * Creates a dense layer from {@code in} features to {@code out} units.
     *
     * @param in  number of input features, at least 1
     * @param out number of output units, at least 1
     */
    public Dense(int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense needs positive sizes, got Dense(" + in + "→" + out + ")");
        }
        this.in = in;
        this.out = out;
    }

    /** Number of input features. */
    @Override
    public int inputSize() {
        return in;
    }

    /** Number of output units. */
    public int units() {
        return out;
    }

    @Override
    public LayerOwner owner() {
        return owner;
    }

    @Override
    public String typeName() {
        return LayerType.DENSE.typeName();
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != in) {
            throw new IllegalArgumentException(this + " expects " + in + " input features, got " + inputSize);
        }
        return out;
    }

    @Override
    public List<ParameterSpec> parameterSpecs() {
        return List.of(
                new ParameterSpec("W", in, out, ParameterKind.WEIGHT, in, out),
                new ParameterSpec("b", 1, out, ParameterKind.BIAS, in, out));
    }

    @Override
    public void bindParameters(List<Parameter> parameters) {
        if (parameters.size() != 2) {
            throw new IllegalArgumentException(this + " needs 2 parameters (W, b), got " + parameters);
        }
        weights = parameters.get(0).value();
        weightGradient = parameters.get(0).gradient();
        bias = parameters.get(1).value();
        biasGradient = parameters.get(1).gradient();
        lastInput = null;
        output = null;
    }

    /** The weight matrix {@code W} of shape {@code [in, out]} (a live view). */
    public INDArray weights() {
        requireBound();
        return weights;
    }

    /** The bias row {@code b} of shape {@code [1, out]} (a live view). */
    public INDArray bias() {
        requireBound();
        return bias;
    }

    @Override
    public INDArray forward(INDArray input, Mode mode) {
        requireBound();
        Shapes.requireMatrix(input, in, this, "input");
        INDArray result = Buffers.output(mode, output, input.rows(), out, weights.dataType());
        if (mode == Mode.TRAIN) {
            output = result;
            lastInput = input;
        }
        DirectBlas.gemm(input, weights, result, false, false, 1.0, 0.0);
        BiasKernels.addRowVector(result, bias);
        return result;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        BackwardCheck.check(this, output, outputGradient);
        long batch = lastInput.rows();
        DirectBlas.gemm(lastInput, outputGradient, weightGradient, true, false, 1.0, 0.0);
        BiasKernels.columnSums(outputGradient, biasGradient);
        if (!needInputGradient) {
            return null;
        }
        inputGradient = Buffers.reuse(inputGradient, batch, in, weights.dataType());
        DirectBlas.gemm(outputGradient, weights, inputGradient, false, true, 1.0, 0.0);
        return inputGradient;
    }

    private void requireBound() {
        if (weights == null) {
            throw new IllegalStateException(this + " has no parameters yet: put it in a Sequential model");
        }
    }

    /** {@code z{k} = {in}·W{k} + b{k}}, as the notes write the k-th dense layer, with its gradients. */
    @Override
    public LayerFormulas formulas() {
        return LayerFormulas.opening("z{k}", "{in}·W{k} + b{k}", "{dout}·W{k}ᵀ")
                .withParameter("W", "W{k}", "{in}ᵀ·{dout}")
                .withParameter("b", "b{k}", "Σ_rows {dout}");
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("in", in, "out", out);
    }

    @Override
    public String toString() {
        return "Dense(" + in + "→" + out + ")";
    }
}
