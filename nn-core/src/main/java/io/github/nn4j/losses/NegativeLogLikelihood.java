package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.internal.kernels.KernelPath;
import io.github.nn4j.internal.kernels.LogSoftmaxKernels;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Negative log-likelihood on log-probabilities y (the output of a {@code LogSoftmax} layer):
 * {@code L = −(1/N) Σ_i Σ_c t_ic·y_ic}, for class indices {@code −(1/N) Σ_i y_{i, class_i}}, as
 * PyTorch's {@code nn.NLLLoss}. Gradient: {@code −t/N}. {@code LogSoftmax} followed by this loss
 * equals {@link SoftmaxCrossEntropy} on the logits.
 *
 * <p>Value and gradient are each one Java pass for small float batches, with no native operation and
 * no allocation once warm (see {@link LogSoftmaxKernels}). Targets are one-hot (or any probability)
 * rows, or class indices {@code [batch]}.
 */
public final class NegativeLogLikelihood implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "negative_log_likelihood";
    }

    @Override
    public double sum(INDArray logProbabilities, INDArray targetValues) {
        INDArray t = targets.match(name(), logProbabilities, targetValues, true);
        return LogSoftmaxKernels.negativeLogLikelihoodSum(logProbabilities, t);
    }

    @Override
    public INDArray gradient(INDArray logProbabilities, INDArray targetValues, long examples) {
        INDArray t = targets.match(name(), logProbabilities, targetValues, true);
        long count = Targets.examples(name(), logProbabilities, examples);
        gradient = Buffers.reuse(gradient, logProbabilities.rows(), logProbabilities.columns(),
                logProbabilities.dataType());
        if (!KernelPath.javaPath(t, gradient)) {
            return gradient.assign(t).muli(-1.0 / count);
        }
        FloatBuffer source = KernelPath.floats(t);
        FloatBuffer into = KernelPath.floats(gradient);
        float scale = (float) (-1.0 / count);
        for (int i = 0, n = (int) gradient.length(); i < n; i++) {
            into.put(i, source.get(i) * scale);
        }
        return gradient;
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.CLASS_SCORES;
    }
}
