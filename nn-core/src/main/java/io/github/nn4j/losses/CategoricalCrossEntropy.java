package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical cross-entropy on probabilities: {@code L = −(1/N) Σ_i Σ_c y_ic·log q_ic}, with q
 * clipped to {@code [ε, 1]}, {@code ε = 1e-7}. Gradient: {@code −y/(q·N)}.
 *
 * <p>Use after a {@code Softmax} layer; a model that ends in logits should use
 * {@link SoftmaxCrossEntropy} instead, which is exact and cheaper.
 */
public final class CategoricalCrossEntropy implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "categorical_cross_entropy";
    }

    @Override
    public double value(INDArray predictions, INDArray targetValues) {
        INDArray y = targets.match(name(), predictions, targetValues, true);
        INDArray logQ = Transforms.log(Transforms.max(predictions, BinaryCrossEntropy.EPSILON, true), false);
        return -y.mul(logQ).sumNumber().doubleValue() / predictions.rows();
    }

    @Override
    public INDArray gradient(INDArray predictions, INDArray targetValues) {
        INDArray y = targets.match(name(), predictions, targetValues, true);
        gradient = Buffers.reuse(gradient, predictions.rows(), predictions.columns(), predictions.dataType());
        INDArray q = Transforms.max(predictions, BinaryCrossEntropy.EPSILON, true);
        return y.div(q, gradient).muli(-1.0 / predictions.rows());
    }
}
