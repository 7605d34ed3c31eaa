package io.github.nn4j.optim;

import io.github.nn4j.io.Section;
import io.github.nn4j.model.ParameterSet;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdamW (Loshchilov &amp; Hutter): {@link Adam} with decoupled weight decay, on by default with
 * PyTorch's {@code λ = 0.01}. Each step:
 *
 * <pre>
 * w ← w − lr·λ·w                      (weights only, unless biases are included)
 * w ← w − lr·m̂ / (√v̂ + ε)            (the Adam step, from the gradient alone)
 * </pre>
 * The decay is not added to the gradient, so Adam's per-entry scaling does not weaken it: every
 * weight shrinks by the same factor {@code 1 − lr·λ}. Compare PyTorch's {@code Adam(weight_decay)},
 * an L2 term inside the gradient ({@code Regularization.l2(λ)} here).
 *
 * <pre>{@code
 * Optimizer adamW = new AdamW(1e-3);                 // λ = 0.01
 * Optimizer stronger = new AdamW(1e-3).weightDecay(0.1);
 * }</pre>
 *
 * <p>Defaults and state are Adam's: {@code lr = 1e-3}, {@code β = (0.9, 0.999)},
 * {@code ε = 1e-8}; state {@code "m"}, {@code "v"} and the step count.
 */
public final class AdamW implements Optimizer {

    /** The section type of a saved AdamW optimizer. */
    public static final String TYPE = "adamw";

    /** PyTorch's default decoupled weight decay λ for AdamW. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    private final Adam adam;

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
        this.adam = new Adam("AdamW", learningRate).weightDecay(DEFAULT_WEIGHT_DECAY);
    }

    /**
     * The decay rates of the two moment estimates.
     *
     * @param beta1 β₁ in [0, 1); 0.9 by default
     * @param beta2 β₂ in [0, 1); 0.999 by default
     * @return this optimizer
     */
    public AdamW betas(double beta1, double beta2) {
        adam.betas(beta1, beta2);
        return this;
    }

    /**
     * The term added to {@code √v̂} against division by zero.
     *
     * @param epsilon positive; 1e-8 by default
     * @return this optimizer
     */
    public AdamW epsilon(double epsilon) {
        adam.epsilon(epsilon);
        return this;
    }

    /**
     * The decoupled weight decay λ.
     *
     * @param lambda λ ≥ 0; 0.01 by default
     * @return this optimizer
     */
    public AdamW weightDecay(double lambda) {
        adam.weightDecay(lambda);
        return this;
    }

    /**
     * Whether weight decay also shrinks biases; by default it does not (PyTorch decays every
     * parameter in the group it is given).
     *
     * @param include true to decay biases too
     * @return this optimizer
     */
    public AdamW decayBiases(boolean include) {
        adam.decayBiases(include);
        return this;
    }

    /** The decoupled weight decay λ. */
    public double weightDecay() {
        return adam.weightDecay();
    }

    @Override
    public void step(ParameterSet parameters) {
        adam.step(parameters);
    }

    @Override
    public double learningRate() {
        return adam.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        adam.setLearningRate(learningRate);
    }

    @Override
    public Map<String, INDArray> state() {
        return adam.state();
    }

    @Override
    public long steps() {
        return adam.steps();
    }

    @Override
    public void loadState(Map<String, INDArray> state, long steps) {
        adam.loadState(state, steps);
    }

    /**
     * Saves type {@code "adamw"} with Adam's settings ({@code learningRate}, {@code beta1},
     * {@code beta2}, {@code epsilon}, {@code weightDecay}, {@code decayBiases}), {@code steps},
     * and the {@code "m"} and {@code "v"} buffers once they exist.
     */
    @Override
    public Section toSection() {
        return adam.toSection(TYPE);
    }

    /**
     * Rebuilds AdamW saved by {@link #toSection()}, with its settings, step count and moments.
     *
     * @param section an {@code "adamw"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe AdamW
     */
    public static AdamW fromSection(Section section) {
        AdamW adamW = new AdamW(section.requireType(TYPE).number("learningRate"));
        adamW.adam.restore(section);
        return adamW;
    }

    @Override
    public String toString() {
        return adam.toString();
    }
}
