package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.internal.kernels.SoftmaxKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax and cross-entropy fused, from logits z:
 * {@code L = −(1/N) Σ_i Σ_c y_ic·log softmax(z_i)_c}, computed stably as
 * {@code logΣ_c e^(z_ic)·Σ_c y_ic − Σ_c y_ic·z_ic} with the row maximum subtracted inside the
 * log-sum-exp. Gradient: {@code (softmax(z) − y)/N} into a reused buffer.
 *
 * <p>Value and gradient are each one Java pass over the logits for small float batches, with no
 * native operation and no allocation; larger or double batches use ND4J (see {@link SoftmaxKernels}).
 * Targets are one-hot (or any probability) rows, or class indices {@code [batch]}.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public double sum(INDArray logits, INDArray targetValues) {
        INDArray y = targets.match(name(), logits, targetValues, true);
        return SoftmaxKernels.softmaxCrossEntropySum(logits, y);
    }

    @Override
    public INDArray gradient(INDArray logits, INDArray targetValues, long examples) {
        INDArray y = targets.match(name(), logits, targetValues, true);
        long count = Targets.examples(name(), logits, examples);
        gradient = Buffers.reuse(gradient, logits.rows(), logits.columns(), logits.dataType());
        SoftmaxKernels.softmaxCrossEntropyGradient(logits, y, count, gradient);
        return gradient;
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.CLASS_SCORES;
    }
}
