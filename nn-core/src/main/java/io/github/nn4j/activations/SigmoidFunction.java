package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/** {@code σ(z) = 1 / (1 + e^(−z))}, {@code σ'(z) = σ(z)(1 − σ(z))}. */
final class SigmoidFunction implements Activation {

    static final SigmoidFunction INSTANCE = new SigmoidFunction();

    private SigmoidFunction() {
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String symbol() {
        return "σ";
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        Nd4j.exec(new Sigmoid(input, output));
    }

    @Override
    public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        Nd4j.exec(new SigmoidDerivative(input, outputGradient, inputGradient));
    }

    @Override
    public double value(double x) {
        // Two branches so that e^(−x) is never taken of a large positive number.
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    @Override
    public double derivative(double x) {
        double s = value(x);
        return s * (1.0 - s);
    }
}
