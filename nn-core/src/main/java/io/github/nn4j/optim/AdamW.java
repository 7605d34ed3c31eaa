package io.github.nn4j.optim;

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
 * <p>Everything but the default decay is Adam's: {@code lr = 1e-3}, {@code β = (0.9, 0.999)},
 * {@code ε = 1e-8}; state {@code "m"}, {@code "v"} and the step count. The setters below only
 * return an {@code AdamW}.
 */
public final class AdamW extends Adam {

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
        super(learningRate);
        weightDecay(DEFAULT_WEIGHT_DECAY);
    }

    /** As {@link Adam#betas}. */
    @Override
    public AdamW betas(double beta1, double beta2) {
        super.betas(beta1, beta2);
        return this;
    }

    /** As {@link Adam#epsilon(double)}. */
    @Override
    public AdamW epsilon(double epsilon) {
        super.epsilon(epsilon);
        return this;
    }

    /** As {@link Adam#weightDecay(double)}, whose default here is 0.01. */
    @Override
    public AdamW weightDecay(double lambda) {
        super.weightDecay(lambda);
        return this;
    }

    /** As {@link Adam#decayBiases(boolean)}. */
    @Override
    public AdamW decayBiases(boolean decay) {
        super.decayBiases(decay);
        return this;
    }
}
