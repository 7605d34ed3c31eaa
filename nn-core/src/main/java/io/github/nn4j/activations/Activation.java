package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An element-wise activation function {@code a = φ(z)} together with its derivative.
 *
 * <p>The array methods work on whole batches (an ND4J operation or two, or one of nn4j's Java
 * kernels for small float arrays) and write into arrays the caller provides; the built-in
 * functions allocate no arrays. The scalar methods
 * {@link #value(double)} and {@link #derivative(double)} give the same function on one number,
 * for tests, plots and teaching.
 *
 * <pre>{@code
 * Activation sigmoid = Activation.sigmoid();
 * sigmoid.value(0.0);       // 0.5
 * sigmoid.derivative(0.0);  // 0.25
 * }</pre>
 */
public interface Activation {

    /**
     * A short name such as {@code "sigmoid"} or {@code "leaky_relu(0.01)"}. A built-in function's
     * name is the type name of its layer, with the layer's setting in parentheses if it has one;
     * a model file records a plain {@code ActivationLayer} by this name.
     *
     * @return the name
     */
    String name();

    /**
     * The function's symbol in formulas, e.g. {@code σ} in {@code h1 = σ(z1)}; by default its
     * {@link #name()}.
     *
     * @return the symbol
     */
    default String symbol() {
        return name();
    }

    /**
     * Computes {@code output = φ(input)} element-wise.
     *
     * @param input  pre-activations {@code z}
     * @param output where to write {@code φ(z)}; same shape; may be {@code input} itself
     */
    void forward(INDArray input, INDArray output);

    /**
     * Computes {@code inputGradient = outputGradient ⊙ φ'(input)} element-wise.
     *
     * @param input          the pre-activations {@code z} of the forward pass
     * @param output         the activations {@code φ(z)} of the forward pass
     * @param outputGradient dL/da
     * @param inputGradient  where to write dL/dz; same shape
     */
    void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient);

    /**
     * φ(x) for one number.
     *
     * @param x the pre-activation
     * @return the activation
     */
    double value(double x);

    /**
     * φ'(x) for one number (a one-sided choice at kinks: 0 for ReLU and step at 0).
     *
     * @param x the pre-activation
     * @return the derivative
     */
    double derivative(double x);

    /** {@code φ(z) = z}. */
    static Activation identity() {
        return IdentityFunction.INSTANCE;
    }

    /** The M-P neuron's threshold: {@code φ(z) = 1} if {@code z ≥ 0}, else 0; derivative 0. */
    static Activation step() {
        return StepFunction.INSTANCE;
    }

    /** The perceptron's sign: {@code φ(z) = +1} if {@code z ≥ 0}, else −1; derivative 0. */
    static Activation sign() {
        return SignFunction.INSTANCE;
    }

    /** {@code σ(z) = 1 / (1 + e^(−z))}, {@code σ' = σ(1 − σ)}; saturates, never overflows. */
    static Activation sigmoid() {
        return SigmoidFunction.INSTANCE;
    }

    /** {@code tanh(z)}, {@code tanh' = 1 − tanh²}. */
    static Activation tanh() {
        return TanhFunction.INSTANCE;
    }

    /** {@code max(0, z)}. */
    static Activation relu() {
        return ReluFunction.INSTANCE;
    }

    /**
     * {@code z} for {@code z ≥ 0}, {@code slope·z} otherwise.
     *
     * @param slope the slope for negative inputs, e.g. 0.01
     * @return the activation
     */
    static Activation leakyRelu(double slope) {
        return new LeakyReluFunction(slope);
    }

    /**
     * {@code z} for {@code z ≥ 0}, {@code α(e^z − 1)} otherwise.
     *
     * @param alpha the saturation value for large negative inputs is {@code −alpha}
     * @return the activation
     */
    static Activation elu(double alpha) {
        return new EluFunction(alpha);
    }

    /** {@code ln(1 + e^z)}, a smooth ReLU; its derivative is σ(z). */
    static Activation softplus() {
        return SoftplusFunction.INSTANCE;
    }
}
