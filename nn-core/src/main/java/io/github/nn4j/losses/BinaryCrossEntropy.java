package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy on probabilities:
 * {@code L = −(1/(N·D)) Σ [y·log p + (1 − y)·log(1 − p)]}, with p clipped to
 * {@code [ε, 1 − ε]}, {@code ε = 1e-7}, so log(0) never occurs.
 * Gradient: {@code (p − y) / (p(1 − p)·N·D)} on the clipped p. An example's loss is the mean over
 * its D outputs.
 *
 * <p>Prefer {@link BinaryCrossEntropyFromLogits} when the model ends in a sigmoid: it is exact
 * where this one has to clip. Each call allocates temporary arrays of the predictions' size.
 */
public final class BinaryCrossEntropy implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    public double sum(INDArray predictions, INDArray targetValues) {
        INDArray y = targets.match(name(), predictions, targetValues, false);
        INDArray p = ProbabilityFloor.withinEpsilonOfZeroAndOne(predictions);
        INDArray logP = Transforms.log(p, true);
        INDArray log1mP = Transforms.log(p.rsub(1.0), false);
        double sum = y.mul(logP).addi(y.rsub(1.0).muli(log1mP)).sumNumber().doubleValue();
        return -sum / predictions.columns();
    }

    @Override
    public INDArray gradient(INDArray predictions, INDArray targetValues, long examples) {
        INDArray y = targets.match(name(), predictions, targetValues, false);
        long outputs = Targets.examples(name(), predictions, examples) * predictions.columns();
        gradient = Buffers.reuse(gradient, predictions.rows(), predictions.columns(), predictions.dataType());
        INDArray p = ProbabilityFloor.withinEpsilonOfZeroAndOne(predictions);
        INDArray denominator = p.rsub(1.0).muli(p).muli(outputs);
        return p.sub(y, gradient).divi(denominator);
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.BINARY_PROBABILITY;
    }
}
