package io.github.nn4j.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every built-in optimizer shares: the learning rate, decoupled weight decay, and the named
 * state buffers with the step count. A subclass writes its own {@link #step}, which reads as
 * its formula between three shared lines:
 *
 * <pre>{@code
 * state.bind(parameters);                      // state buffers like the values, checked
 * decay.apply(parameters, learningRate());     // w ← w − lr·λ·w on the weights
 * ...                                          // the rule itself
 * state.countStep();
 * }</pre>
 *
 * @param <T> the optimizer's own class, which the fluent setters return
 */
abstract class BaseOptimizer<T extends BaseOptimizer<T>> implements Optimizer {

    /** The decoupled weight decay, applied first in every step. */
    final WeightDecay decay = new WeightDecay();

    /** The state buffers and step count. */
    final OptimizerState state;

    private double learningRate;

    /**
     * @param learningRate the first learning rate, positive
     * @param stateNames   the state buffers' names, in order; none for stateless rules
     */
    BaseOptimizer(double learningRate, String... stateNames) {
        this.state = new OptimizerState(getClass().getSimpleName(), stateNames);
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
    public final double weightDecay() {
        return decay.rate();
    }

    /** Whether weight decay also shrinks biases. */
    public final boolean decaysBiases() {
        return decay.includeBiases();
    }

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
     * The text of {@code toString}: the class name, the learning rate, {@code details} (the rule's
     * own settings, each starting with {@code ", "}) and the weight decay when on.
     */
    final String describe(String details) {
        return getClass().getSimpleName() + "(lr=" + learningRate + details + decay + ")";
    }
}
