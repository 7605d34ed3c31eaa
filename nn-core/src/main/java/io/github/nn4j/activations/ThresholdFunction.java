package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A hard threshold: {@code high} where {@code z ≥ 0}, {@code low} elsewhere. Its derivative is 0
 * everywhere except at the jump, where it does not exist, so gradients do not pass; the
 * perceptron learning rule trains such units instead.
 */
abstract class ThresholdFunction implements Activation {

    private final String name;
    private final double low;
    private final double high;

    ThresholdFunction(String name, double low, double high) {
        this.name = name;
        this.low = low;
        this.high = high;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        if (output != input) {
            output.assign(input);
        }
        // high is never negative, so the second replacement leaves it alone.
        BooleanIndexing.replaceWhere(output, high, Conditions.greaterThanOrEqual(0.0));
        BooleanIndexing.replaceWhere(output, low, Conditions.lessThan(0.0));
    }

    @Override
    public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        inputGradient.assign(0.0);
    }

    @Override
    public double value(double x) {
        return x >= 0 ? high : low;
    }

    @Override
    public double derivative(double x) {
        return 0.0;
    }
}
