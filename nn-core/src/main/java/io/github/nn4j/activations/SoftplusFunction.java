package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftPlusBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.factory.Nd4j;

/** {@code ln(1 + e^z)}; derivative {@code σ(z)}. */
final class SoftplusFunction extends BuiltInFunction {

    static final SoftplusFunction INSTANCE = new SoftplusFunction();

    private SoftplusFunction() {
        super(BuiltInActivation.SOFTPLUS);
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        Nd4j.exec(new SoftPlus(input, output));
    }

    @Override
    public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        Nd4j.exec(new SoftPlusBp(input, outputGradient, inputGradient));
    }

    @Override
    public double value(double x) {
        // ln(1 + e^x) = max(x, 0) + ln(1 + e^−|x|), which never overflows.
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    public double derivative(double x) {
        return SigmoidFunction.INSTANCE.value(x);
    }
}
