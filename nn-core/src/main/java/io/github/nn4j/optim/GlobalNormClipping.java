package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Clipping by global norm, as PyTorch's {@code clip_grad_norm_}: with {@code n = ‖g‖₂} over all
 * gradients of the model,
 *
 * <pre>
 * g ← g · maxNorm / (n + 1e-6)      if n &gt; maxNorm,   unchanged otherwise
 * </pre>
 * One norm and at most one scaling over the flat gradient buffer.
 *
 * <pre>{@code
 * double normBefore = new GlobalNormClipping(5.0).clip(model.parameterSet());
 * }</pre>
 *
 * @param maxNorm the largest allowed global norm, positive
 */
public record GlobalNormClipping(double maxNorm) implements GradientClipping {

    /** Checks the norm. */
    public GlobalNormClipping {
        Checks.positive("maxNorm", maxNorm);
    }

    @Override
    public double clip(ParameterSet parameters) {
        INDArray gradients = parameters.gradients();
        double norm = gradients.norm2Number().doubleValue();
        if (norm > maxNorm) {
            gradients.muli(maxNorm / (norm + 1e-6));
        }
        return norm;
    }
}
