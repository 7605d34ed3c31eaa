package io.github.nn4j.optim;

import io.github.nn4j.io.Section;

/**
 * AdamW (Loshchilov &amp; Hutter): {@link Adam} with decoupled weight decay, on by default with
 * PyTorch's {@code λ = 0.01}. Each step first shrinks the weights (not the biases, unless
 * {@link #decayBiases(boolean) included}), {@code w ← w − lr·λ·w}, then takes {@link Adam}'s step
 * from the gradient alone. The decay is not added to the gradient, so Adam's per-entry scaling
 * does not weaken it: every weight shrinks by the same factor {@code 1 − lr·λ}. Compare
 * PyTorch's {@code Adam(weight_decay)}, an L2 term inside the gradient
 * ({@code Regularization.l2(λ)} here).
 *
 * <pre>{@code
 * Optimizer adamW = new AdamW(1e-3);                 // λ = 0.01
 * Optimizer stronger = new AdamW(1e-3).weightDecay(0.1);
 * }</pre>
 *
 * <p>Defaults, state and saved settings are Adam's: {@code lr = 1e-3}, {@code β = (0.9, 0.999)},
 * {@code ε = 1e-8}; state {@code "m"}, {@code "v"} and the step count; saved as type
 * {@code "adamw"}.
 */
public final class AdamW extends AdamRule<AdamW> {

    /** The section type of a saved AdamW optimizer. */
    public static final String TYPE = "adamw";

    /** PyTorch's default decoupled weight decay λ for AdamW. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /** Creates AdamW with learning rate 0.001 and weight decay 0.01. */
    public AdamW() {
        this(Adam.DEFAULT_LEARNING_RATE);
    }

    /**
     * Creates AdamW with weight decay 0.01.
     *
     * @param learningRate the step size, positive
     */
    public AdamW(double learningRate) {
        super("AdamW", TYPE, learningRate);
        weightDecay(DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Rebuilds AdamW saved by {@link #toSection()}, with its settings, step count and moments.
     *
     * @param section an {@code "adamw"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe AdamW
     */
    public static AdamW fromSection(Section section) {
        return new AdamW(section.requireType(TYPE).number("learningRate")).restore(section);
    }
}
