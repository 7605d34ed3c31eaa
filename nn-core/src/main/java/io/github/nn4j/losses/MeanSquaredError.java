package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error: {@code L = (1/(N·D)) Σ (p − y)²}, gradient {@code 2(p − y)/(N·D)}. An
 * example's loss is the mean of its D squared errors, so the sum over a batch is
 * {@code Σ (p − y)² / D}.
 */
public final class MeanSquaredError implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double sum(INDArray predictions, INDArray targetValues) {
        INDArray y = targets.match(name(), predictions, targetValues, false);
        return predictions.squaredDistance(y) / predictions.columns();
    }

    @Override
    public INDArray gradient(INDArray predictions, INDArray targetValues, long examples) {
        INDArray y = targets.match(name(), predictions, targetValues, false);
        long outputs = Targets.examples(name(), predictions, examples) * predictions.columns();
        gradient = Buffers.reuse(gradient, predictions.rows(), predictions.columns(), predictions.dataType());
        return predictions.sub(y, gradient).muli(2.0 / outputs);
    }
}
