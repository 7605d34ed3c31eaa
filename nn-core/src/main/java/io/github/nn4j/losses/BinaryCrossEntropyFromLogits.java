package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy of {@code σ(z)}, computed from logits z without forming σ(z):
 * {@code L = (1/(N·D)) Σ [max(z, 0) − z·y + log(1 + e^(−|z|))]}, exact for any z.
 * Gradient: {@code (σ(z) − y)/(N·D)}. An example's loss is the mean over its D outputs.
 *
 * <p>The gradient allocates nothing (three operations into the reused buffer); the value
 * allocates temporary arrays of the logits' size.
 */
public final class BinaryCrossEntropyFromLogits implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "binary_cross_entropy_from_logits";
    }

    @Override
    public double sum(INDArray logits, INDArray targetValues) {
        INDArray y = targets.match(name(), logits, targetValues, false);
        INDArray relu = Transforms.relu(logits, true);
        INDArray softTail = Transforms.log(Transforms.exp(Transforms.abs(logits, true).negi(), false).addi(1.0), false);
        double sum = relu.subi(logits.mul(y)).addi(softTail).sumNumber().doubleValue();
        return sum / logits.columns();
    }

    @Override
    public INDArray gradient(INDArray logits, INDArray targetValues, long examples) {
        INDArray y = targets.match(name(), logits, targetValues, false);
        long outputs = Targets.examples(name(), logits, examples) * logits.columns();
        gradient = Buffers.reuse(gradient, logits.rows(), logits.columns(), logits.dataType());
        Nd4j.exec(new Sigmoid(logits, gradient));
        return gradient.subi(y).muli(1.0 / outputs);
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.BINARY_LOGIT;
    }
}
