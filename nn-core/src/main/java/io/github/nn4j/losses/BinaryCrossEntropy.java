package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy on probabilities:
 * {@code L = −(1/(N·D)) Σ [y·log p + (1 − y)·log(1 − p)]}, with p clipped to
 * {@code [ε, 1 − ε]}, {@code ε = 1e-7}, so log(0) never occurs.
 * Gradient: {@code (p − y) / (p(1 − p)·N·D)} on the clipped p.
 *
 * <p>Prefer {@link BinaryCrossEntropyFromLogits} when the model ends in a sigmoid: it is exact
 * where this one has to clip.
 */
public final class BinaryCrossEntropy implements Loss {

    static final double EPSILON = 1e-7;

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    public double value(INDArray predictions, INDArray targetValues) {
        INDArray y = targets.match(name(), predictions, targetValues, false);
        INDArray p = Transforms.max(Transforms.min(predictions, 1 - EPSILON, true), EPSILON, false);
        INDArray logP = Transforms.log(p, true);
        INDArray log1mP = Transforms.log(p.rsub(1.0), false);
        double sum = y.mul(logP).addi(y.rsub(1.0).muli(log1mP)).sumNumber().doubleValue();
        return -sum / predictions.length();
    }

    @Override
    public INDArray gradient(INDArray predictions, INDArray targetValues) {
        INDArray y = targets.match(name(), predictions, targetValues, false);
        gradient = Buffers.reuse(gradient, predictions.rows(), predictions.columns(), predictions.dataType());
        INDArray p = Transforms.max(Transforms.min(predictions, 1 - EPSILON, true), EPSILON, false);
        INDArray denominator = p.rsub(1.0).muli(p).muli(predictions.length());
        return p.sub(y, gradient).divi(denominator);
    }
}
