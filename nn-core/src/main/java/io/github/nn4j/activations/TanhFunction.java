package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/** {@code tanh(z)}, {@code tanh'(z) = 1 − tanh²(z)}. */
final class TanhFunction implements Activation {

    static final TanhFunction INSTANCE = new TanhFunction();

    private TanhFunction() {
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        Nd4j.exec(new Tanh(input, output));
    }

    @Override
    public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        Nd4j.exec(new TanhDerivative(input, outputGradient, inputGradient));
    }

    @Override
    public double value(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x) {
        double t = Math.tanh(x);
        return 1.0 - t * t;
    }
}
