package io.github.nn4j.activations;

import io.github.nn4j.internal.kernels.ReluKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code max(0, z)}; derivative 1 for {@code z > 0}, 0 otherwise. */
final class ReluFunction implements Activation {

    static final ReluFunction INSTANCE = new ReluFunction();

    private ReluFunction() {
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public String symbol() {
        return "ReLU";
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        ReluKernels.relu(input, output);
    }

    @Override
    public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        ReluKernels.reluBackward(input, outputGradient, inputGradient);
    }

    @Override
    public double value(double x) {
        return Math.max(0.0, x);
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? 1.0 : 0.0;
    }
}
