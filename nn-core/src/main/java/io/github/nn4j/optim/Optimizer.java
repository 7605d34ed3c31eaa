package io.github.nn4j.optim;

import io.github.nn4j.model.ParameterSet;

/**
 * An update rule: moves parameters against their gradients. Each optimizer works on a model's
 * flat parameter and gradient buffers, so one step is a handful of vectorized operations over
 * the whole model.
 *
 * <p>An optimizer keeps state (velocities, moment estimates, a step count) for the one
 * parameter set it was first used with.
 */
public interface Optimizer {

    /**
     * Applies one update to {@code parameters} from the gradients stored beside them.
     *
     * @param parameters the model's parameters and gradients
     */
    void step(ParameterSet parameters);

    /** The learning rate the next step will use. */
    double learningRate();

    /**
     * Sets the learning rate for the following steps (used by learning-rate schedules).
     *
     * @param learningRate a positive rate
     */
    void setLearningRate(double learningRate);
}
