package io.github.nn4j.optim;

import io.github.nn4j.io.Section;

/**
 * Adam: steps scaled by running estimates of each entry's gradient mean and uncentered variance,
 * in PyTorch's form and defaults ({@code lr = 1e-3}, {@code β₁ = 0.9}, {@code β₂ = 0.999},
 * {@code ε = 1e-8}). At step {@code t = 1, 2, …}:
 *
 * <pre>
 * m ← β₁·m + (1 − β₁)·g              v ← β₂·v + (1 − β₂)·g²      (both start at 0)
 * m̂ = m / (1 − β₁ᵗ)                  v̂ = v / (1 − β₂ᵗ)
 * w ← w − lr·m̂ / (√v̂ + ε)
 * </pre>
 * One fused native update and one subtraction over the whole model.
 *
 * <p>Weight decay: {@link #weightDecay(double)} is <em>decoupled</em> here as in every nn4j
 * optimizer — each step starts with {@code w ← w − lr·λ·w} on the weights, which makes
 * {@code new Adam(lr).weightDecay(λ)} the same as {@code new AdamW(lr).weightDecay(λ)}. PyTorch's
 * {@code Adam(weight_decay=λ)} instead adds {@code λ·w} to the gradient (an L2 penalty, which the
 * adaptive scaling then weakens for entries with large gradients); get that with
 * {@code Regularization.l2(λ).addGradient(...)} before the step.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3);
 * adam.step(model.parameterSet());
 * }</pre>
 *
 * <p>State: {@code "m"} and {@code "v"}, the moment estimates, and {@link #steps()} for the bias
 * correction. Saved as type {@code "adam"} with settings {@code beta1}, {@code beta2} and
 * {@code epsilon} besides the common ones. Left out: AMSGrad.
 */
public final class Adam extends AdamRule<Adam> {

    /** The section type of a saved Adam optimizer. */
    public static final String TYPE = "adam";

    /** PyTorch's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** Creates Adam with learning rate 0.001. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /**
     * Creates Adam.
     *
     * @param learningRate the step size, positive
     */
    public Adam(double learningRate) {
        super("Adam", TYPE, learningRate);
    }

    /**
     * Rebuilds Adam saved by {@link #toSection()}, with its settings, step count and moments.
     *
     * @param section an {@code "adam"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe Adam
     */
    public static Adam fromSection(Section section) {
        return new Adam(section.requireType(TYPE).number("learningRate")).restore(section);
    }
}
