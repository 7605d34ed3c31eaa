package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.io.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every built-in optimizer shares: the learning rate, decoupled weight decay, the named
 * state buffers with the step count, saving to a {@link Section} and {@code toString}. A
 * subclass adds only its own update and settings.
 *
 * <p>Designed for extension inside this package. {@link #step} is fixed: {@link #prepare}
 * (binds the state buffers), weight decay {@code w ← w − lr·λ·w}, the subclass's
 * {@link #update}, then the step is counted. A subclass implements:
 * <ul>
 * <li>{@link #update} — the rule itself, reading gradients and writing values and state;</li>
 * <li>{@link #describe} and {@link #restoreSettings} — its own settings, saved after
 *     {@code learningRate} and before {@code weightDecay}, {@code decayBiases} and {@code steps};</li>
 * <li>{@link #details} — its settings for {@code toString}, e.g. {@code ", momentum=0.9"}.</li>
 * </ul>
 *
 * @param <T> the optimizer's own class, which the fluent setters return
 */
abstract class BaseOptimizer<T extends BaseOptimizer<T>> implements Optimizer {

    private final String name;
    private final String type;
    private final WeightDecay decay = new WeightDecay();
    private double learningRate;

    /** The state buffers and step count, for {@link #update}. */
    final OptimizerState state;

    /**
     * @param name         the class name for messages and {@code toString}, e.g. {@code "Sgd"}
     * @param type         the saved section type, e.g. {@code "sgd"}
     * @param learningRate the first learning rate, positive
     * @param stateNames   the state buffers' names, in saved order
     */
    BaseOptimizer(String name, String type, double learningRate, String... stateNames) {
        this.name = name;
        this.type = type;
        this.state = new OptimizerState(name, stateNames);
        setLearningRate(learningRate);
    }

    /** This optimizer as its own class, for fluent setters. */
    @SuppressWarnings("unchecked")
    final T self() {
        return (T) this;
    }

    /**
     * Decoupled weight decay: each step starts with {@code w ← w − lr·λ·w} on the weights, before
     * and apart from the gradient step (so it is neither clipped nor part of the loss).
     *
     * @param lambda λ ≥ 0; 0 turns it off (the default for all but AdamW)
     * @return this optimizer
     */
    public T weightDecay(double lambda) {
        decay.setRate(lambda);
        return self();
    }

    /**
     * Whether weight decay also shrinks biases; by default it does not (PyTorch decays every
     * parameter in the group it is given).
     *
     * @param decay true to decay biases too
     * @return this optimizer
     */
    public T decayBiases(boolean decay) {
        this.decay.setIncludeBiases(decay);
        return self();
    }

    /** The decoupled weight decay λ, 0 when off. */
    public double weightDecay() {
        return decay.rate();
    }

    /** Whether weight decay also shrinks biases. */
    public boolean decaysBiases() {
        return decay.includeBiases();
    }

    @Override
    public final void step(ParameterSet parameters) {
        prepare(parameters);
        decay.apply(parameters, learningRate);
        update(parameters, learningRate);
        state.countStep();
    }

    /**
     * Checks the settings and binds the state buffers to {@code parameters} before anything
     * changes. Override for a rule that needs its buffers only sometimes.
     */
    void prepare(ParameterSet parameters) {
        state.bind(parameters);
    }

    /** Applies the rule's update to the values, after weight decay; the step is counted afterwards. */
    abstract void update(ParameterSet parameters, double learningRate);

    /** Adds this rule's own settings, in saved order. */
    abstract void describe(Map<String, Object> settings);

    /** Reads back the settings written by {@link #describe}. */
    abstract void restoreSettings(Section section);

    /** This rule's settings for {@code toString}, each starting with {@code ", "}. */
    abstract String details();

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = Checks.learningRate(learningRate);
    }

    @Override
    public final Map<String, INDArray> state() {
        return state.view();
    }

    @Override
    public final long steps() {
        return state.steps();
    }

    @Override
    public final void loadState(Map<String, INDArray> saved, long steps) {
        state.load(saved, steps);
    }

    /**
     * Saves the type, {@code learningRate}, this rule's own settings, {@code weightDecay},
     * {@code decayBiases}, {@code steps}, and copies of the state buffers once they exist.
     */
    @Override
    public final Section toSection() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("learningRate", learningRate);
        describe(settings);
        decay.describe(settings);
        return state.toSection(type, settings);
    }

    /**
     * Reads the settings, step count and state of a section written by {@link #toSection()}.
     *
     * @param section a section of this optimizer's type
     * @return this optimizer
     * @throws IllegalArgumentException naming the problem when the section does not fit
     */
    final T restore(Section section) {
        section.requireType(type);
        setLearningRate(section.number("learningRate"));
        restoreSettings(section);
        decay.restore(section);
        state.load(section);
        return self();
    }

    @Override
    public String toString() {
        return name + "(lr=" + learningRate + details() + decay + ")";
    }
}
