package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.kernels.SoftmaxKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax and cross-entropy fused, from logits z:
 * {@code L = −(1/N) Σ_i Σ_c y_ic·log softmax(z_i)_c}, computed stably as
 * {@code logΣ_c e^(z_ic) − Σ_c y_ic·z_ic} with the row maximum subtracted inside the log-sum-exp. Gradient: {@code (softmax(z) − y)/N} into a reused
 * buffer, in one Java pass for small batches (see {@link SoftmaxKernels}).
 *
 * <p>Targets are one-hot (or any probability) rows, or class indices {@code [batch]}.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public double value(INDArray logits, INDArray targetValues) {
        INDArray y = targets.match(name(), logits, targetValues, true);
        // −Σ_c y_c·log softmax(z)_c = logsumexp(z)·Σ_c y_c − Σ_c y_c·z_c, with logsumexp taken after
        // subtracting the row maximum so that nothing overflows and no 0·log 0 appears.
        INDArray rowMax = logits.max(1);
        INDArray shifted = logits.subColumnVector(rowMax);
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, false).sum(1), false).addi(rowMax);
        double total = logSumExp.muli(y.sum(1)).sumNumber().doubleValue() - y.mul(logits).sumNumber().doubleValue();
        return total / logits.rows();
    }

    @Override
    public INDArray gradient(INDArray logits, INDArray targetValues) {
        INDArray y = targets.match(name(), logits, targetValues, true);
        gradient = Buffers.reuse(gradient, logits.rows(), logits.columns(), logits.dataType());
        SoftmaxKernels.softmaxCrossEntropyGradient(logits, y, gradient);
        return gradient;
    }
}
