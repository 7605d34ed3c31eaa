package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An update rule: moves parameters against their gradients. Each optimizer works on a model's
 * flat parameter and gradient buffers, so one step is a handful of vectorized operations over
 * the whole model. nn4j's, in increasing complexity: {@link Sgd} (with momentum or Nesterov),
 * {@link Adagrad}, {@link RmsProp}, {@link Adam}, {@link AdamW}.
 *
 * <p>Intended call order for one mini-batch of a training loop:
 * <pre>{@code
 * optimizer.setLearningRate(schedule.learningRate(epoch, optimizer.steps())); // optional schedule
 * model.forward(x, Mode.TRAIN);  ...  model.backward(lossGradient);           // fills the gradients
 * regularization.addGradient(model.parameterSet());                           // optional L1/L2
 * clipping.clip(model.parameterSet());                                         // optional clipping
 * optimizer.step(model.parameterSet());                                        // decay + update
 * }</pre>
 *
 * <p>Decoupled weight decay ({@code w ← w − lr·λ·w}, the {@code weightDecay} setting every
 * optimizer here offers) is part of {@link #step}; it is not a gradient term, so it is neither
 * clipped nor included in the loss. An L2 penalty in the loss is {@link Regularization}.
 *
 * <p>State: an optimizer keeps its state (velocities, moment estimates) in flat buffers laid out
 * like {@link ParameterSet#values()}, allocated on the first step for the one parameter set it is
 * used with. {@link #state()} and {@link #steps()} expose it, {@link #loadState} restores it, so
 * training resumes exactly where it stopped. Saving an optimizer with its settings and state in a
 * model file is {@code io.github.nn4j.persist.OptimizerCodec}'s work.
 */
public interface Optimizer {

    /**
     * Applies one update to {@code parameters} from the gradients stored beside them, and counts
     * the step. The gradients are read, never modified.
     *
     * @param parameters the model's parameters and gradients
     * @throws IllegalStateException if the optimizer holds state for a parameter set of another size
     */
    void step(ParameterSet parameters);

    /** The learning rate the next step will use. */
    double learningRate();

    /**
     * Sets the learning rate for the following steps (used by learning-rate schedules).
     *
     * @param learningRate a positive rate
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    void setLearningRate(double learningRate);

    /**
     * The optimizer's state as named flat buffers, each laid out like
     * {@link ParameterSet#values()}: e.g. {@code "velocity"} for SGD with momentum, {@code "m"}
     * and {@code "v"} for Adam. Empty before the first step and for stateless rules (plain SGD).
     * The buffers are live: copy them to keep a snapshot, do not modify them.
     *
     * @return the state, in a fixed order
     */
    Map<String, INDArray> state();

    /** Number of steps taken so far (or restored with {@link #loadState}). */
    long steps();

    /**
     * Restores state saved from {@link #state()} and {@link #steps()} of an optimizer of the same
     * type and settings. The buffers are copied. Hyper-parameters (learning rate, betas, decay)
     * are not part of the state: construct the optimizer with the same ones.
     *
     * @param state exactly the names {@link #state()} returns after a step, each a buffer of one
     *              length (the model's parameter count); an empty map for stateless rules
     * @param steps the step count to continue from, at least 0
     * @throws IllegalArgumentException naming the expected and given names or lengths when they do
     *                                  not fit
     */
    void loadState(Map<String, INDArray> state, long steps);
}
