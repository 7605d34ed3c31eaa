package io.github.nn4j.base;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One named parameter of a model: its current value and the gradient computed by the last
 * {@code backward} call.
 *
 * <p>Both arrays are views into the model's flat parameter and gradient buffers, so writing to
 * {@link #value()} (for example {@code p.value().assign(...)}) changes the model directly. The
 * name doubles as the key in saved model files, e.g. {@code dense0.W}. State that is not trained
 * ({@link ParameterKind#STATE}, such as {@code batchnorm0.running_mean}) is a view into the
 * model's state buffer instead, and has no gradient.
 *
 * @param name     the model-wide name, {@code <layer>.<local>}, e.g. {@code dense0.b}
 * @param value    the parameter's values, a view into the model's parameter (or state) buffer
 * @param gradient dL/d(value) from the last backward pass, a view into the gradient buffer;
 *                 {@code null} for {@link ParameterKind#STATE}
 * @param kind     weight, bias, scale or state
 */
public record Parameter(String name, INDArray value, INDArray gradient, ParameterKind kind) {

    /** Number of scalar values. */
    public long length() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
