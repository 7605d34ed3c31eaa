package io.github.nn4j.optim;

import io.github.nn4j.io.Section;
import io.github.nn4j.model.ParameterSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

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
 * One fused native update ({@code AdamUpdater}) and one subtraction over the whole model. The
 * native op adds ε to the uncorrected {@code √v}; it is given {@code ε·√(1 − β₂ᵗ)} so the result
 * is the formula above exactly.
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
 * correction. Left out: AMSGrad.
 */
public final class Adam implements Optimizer {

    /** The section type of a saved Adam optimizer. */
    public static final String TYPE = "adam";

    /** PyTorch's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    private static final String M = "m";
    private static final String V = "v";

    private final String name;
    private double learningRate;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private final WeightDecay decay = new WeightDecay();
    private final OptimizerState state;
    private INDArray update;

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
        this("Adam", learningRate);
    }

    Adam(String name, double learningRate) {
        this.name = name;
        this.state = new OptimizerState(name, M, V);
        setLearningRate(learningRate);
    }

    /**
     * The decay rates of the two moment estimates.
     *
     * @param beta1 β₁ in [0, 1); 0.9 by default
     * @param beta2 β₂ in [0, 1); 0.999 by default
     * @return this optimizer
     */
    public Adam betas(double beta1, double beta2) {
        this.beta1 = Checks.fraction("beta1", beta1);
        this.beta2 = Checks.fraction("beta2", beta2);
        return this;
    }

    /**
     * The term added to {@code √v̂} against division by zero.
     *
     * @param epsilon positive; 1e-8 by default
     * @return this optimizer
     */
    public Adam epsilon(double epsilon) {
        this.epsilon = Checks.positive("epsilon", epsilon);
        return this;
    }

    /**
     * Decoupled weight decay: each step starts with {@code w ← w − lr·λ·w} on the weights (not
     * PyTorch Adam's L2 term; see the class description).
     *
     * @param lambda λ ≥ 0; 0 (the default) turns it off
     * @return this optimizer
     */
    public Adam weightDecay(double lambda) {
        decay.setRate(lambda);
        return this;
    }

    /**
     * Whether weight decay also shrinks biases; by default it does not.
     *
     * @param include true to decay biases too
     * @return this optimizer
     */
    public Adam decayBiases(boolean include) {
        decay.setIncludeBiases(include);
        return this;
    }

    /** The decoupled weight decay λ, 0 when off. */
    public double weightDecay() {
        return decay.rate();
    }

    @Override
    public void step(ParameterSet parameters) {
        state.bind(parameters);
        update = Updates.buffer(update, parameters);
        decay.apply(parameters, learningRate);
        long t = state.steps() + 1;
        // The op computes lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε'); with ε' = ε·√(1−β₂ᵗ) that is lr·m̂ / (√v̂ + ε).
        double nativeEpsilon = epsilon * Math.sqrt(1 - Math.pow(beta2, t));
        int iteration = (int) Math.min(t - 1, Integer.MAX_VALUE - 1);
        INDArray m = state.get(M);
        INDArray v = state.get(V);
        Nd4j.exec(new AdamUpdater(parameters.gradients(), v, m, update, v, m,
                learningRate, beta1, beta2, nativeEpsilon, iteration));
        parameters.values().subi(update);
        state.countStep();
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Checks.learningRate(learningRate);
    }

    @Override
    public Map<String, INDArray> state() {
        return state.view();
    }

    @Override
    public long steps() {
        return state.steps();
    }

    @Override
    public void loadState(Map<String, INDArray> saved, long steps) {
        state.load(saved, steps);
    }

    /**
     * Saves type {@code "adam"}, settings {@code learningRate}, {@code beta1}, {@code beta2},
     * {@code epsilon}, {@code weightDecay}, {@code decayBiases}, {@code steps}, and the {@code "m"}
     * and {@code "v"} buffers once they exist.
     */
    @Override
    public Section toSection() {
        return toSection(TYPE);
    }

    Section toSection(String type) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("learningRate", learningRate);
        settings.put("beta1", beta1);
        settings.put("beta2", beta2);
        settings.put("epsilon", epsilon);
        decay.describe(settings);
        return state.toSection(type, settings);
    }

    /**
     * Rebuilds Adam saved by {@link #toSection()}, with its settings, step count and moments.
     *
     * @param section an {@code "adam"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe Adam
     */
    public static Adam fromSection(Section section) {
        return new Adam(section.number("learningRate")).restore(section.requireType(TYPE));
    }

    /** Reads the settings and state of a section written by {@link #toSection(String)}. */
    Adam restore(Section section) {
        betas(section.number("beta1"), section.number("beta2"));
        epsilon(section.number("epsilon"));
        setLearningRate(section.number("learningRate"));
        decay.restore(section);
        state.load(section);
        return this;
    }

    @Override
    public String toString() {
        return name + "(lr=" + learningRate + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + epsilon + decay + ")";
    }
}
