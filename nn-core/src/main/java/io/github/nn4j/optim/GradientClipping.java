package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;

/**
 * Limits the gradients of a whole model in place before the optimizer step, against the rare
 * huge gradient that would throw training off. Works on the flat gradient buffer: one or two
 * operations, whatever the model's size.
 *
 * <pre>{@code
 * GradientClipping clipping = GradientClipping.byGlobalNorm(1.0);
 * model.backward(lossGradient);
 * regularization.addGradient(model.parameterSet());   // if any: clip the full gradient
 * clipping.clip(model.parameterSet());
 * optimizer.step(model.parameterSet());
 * }</pre>
 */
public interface GradientClipping {

    /**
     * Clips {@code parameters.gradients()} in place.
     *
     * @param parameters the model's parameters, with gradients from the last backward pass
     * @return the global L2 norm of the gradients before clipping, for logging
     */
    double clip(ParameterSet parameters);

    /**
     * Scales all gradients together so their global L2 norm is at most {@code maxNorm}
     * (PyTorch's {@code clip_grad_norm_}); directions are kept.
     *
     * @param maxNorm the largest allowed norm, positive
     * @return the clipping
     */
    static GradientClipping byGlobalNorm(double maxNorm) {
        return new GlobalNormClipping(maxNorm);
    }

    /**
     * Clamps every gradient entry to {@code [−limit, limit]} (PyTorch's {@code clip_grad_value_}).
     *
     * @param limit the largest allowed magnitude, positive
     * @return the clipping
     */
    static GradientClipping byValue(double limit) {
        return new ValueClipping(limit);
    }
}
