package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;

/** {@code z} for {@code z ≥ 0}, {@code slope·z} otherwise. */
final class LeakyReluFunction implements Activation {

    private final double slope;

    LeakyReluFunction(double slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1), got " + slope);
        }
        this.slope = slope;
    }

    /** The layer type with the setting, as model files record it, e.g. {@code leaky_relu(0.01)}. */
    @Override
    public String name() {
        return "leaky_relu(" + slope + ")";
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        Nd4j.exec(new LeakyReLU(input, output, slope));
    }

    @Override
    public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        Nd4j.exec(new LeakyReLUBp(input, outputGradient, inputGradient, slope));
    }

    @Override
    public double value(double x) {
        return x >= 0 ? x : slope * x;
    }

    @Override
    public double derivative(double x) {
        return x >= 0 ? 1.0 : slope;
    }
}
