package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.internal.kernels.SoftmaxKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Categorical cross-entropy on probabilities: {@code L = −(1/N) Σ_i Σ_c y_ic·log q_ic}, with q
 * clipped to {@code [ε, 1]}, {@code ε = 1e-7}. Gradient: {@code −y/(q·N)}.
 *
 * <p>Use after a {@code Softmax} layer; a model that ends in logits should use
 * {@link SoftmaxCrossEntropy} instead, which is exact and cheaper. The value is one Java pass
 * for small float batches ({@link SoftmaxKernels#crossEntropySum}); the gradient allocates a
 * temporary array of the predictions' size.
 */
public final class CategoricalCrossEntropy implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "categorical_cross_entropy";
    }

    @Override
    public double sum(INDArray predictions, INDArray targetValues) {
        INDArray y = targets.match(name(), predictions, targetValues, true);
        return SoftmaxKernels.crossEntropySum(predictions, y, ProbabilityFloor.EPSILON);
    }

    @Override
    public INDArray gradient(INDArray predictions, INDArray targetValues, long examples) {
        INDArray y = targets.match(name(), predictions, targetValues, true);
        long count = Targets.examples(name(), predictions, examples);
        gradient = Buffers.reuse(gradient, predictions.rows(), predictions.columns(), predictions.dataType());
        INDArray q = ProbabilityFloor.atLeastEpsilon(predictions);
        return y.div(q, gradient).muli(-1.0 / count);
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.CLASS_SCORES;
    }
}
