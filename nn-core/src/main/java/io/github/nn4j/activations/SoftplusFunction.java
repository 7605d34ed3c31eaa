package io.github.nn4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndReplace;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftPlusBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** {@code ln(1 + e^z)}; derivative {@code σ(z)}. */
final class SoftplusFunction implements Activation {

    static final SoftplusFunction INSTANCE = new SoftplusFunction();

    private SoftplusFunction() {
    }

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public void forward(INDArray input, INDArray output) {
        Nd4j.exec(new SoftPlus(input, output));
        // ND4J computes ln(1 + e^z) as written, which overflows where e^z does (z ≳ 89 in float,
        // ≳ 710 in double); there ln(1 + e^z) = z to the last bit.
        Nd4j.exec(new CompareAndReplace(output, input, output, Conditions.isInfinite()));
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
