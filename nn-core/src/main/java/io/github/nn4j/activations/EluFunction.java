package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.factory.Nd4j;

/** {@code z} for {@code z ≥ 0}, {@code α(e^z − 1)} otherwise; derivative {@code α·e^z} below 0. */
final class EluFunction implements Activation {

    private final double alpha;

    EluFunction(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("ELU alpha must be positive and finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The layer type with the setting, as model files record it, e.g. {@code elu(1.0)}. */
    @Override
    public String name() {
        return "elu(" + alpha + ")";
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        Nd4j.exec(new ELU(input, output, alpha));
    }

    @Override
    public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        Nd4j.exec(new EluBp(input, outputGradient, inputGradient, alpha));
    }

    @Override
    public double value(double x) {
        return x >= 0 ? x : alpha * Math.expm1(x);
    }

    @Override
    public double derivative(double x) {
        return x >= 0 ? 1.0 : alpha * Math.exp(x);
    }
}
