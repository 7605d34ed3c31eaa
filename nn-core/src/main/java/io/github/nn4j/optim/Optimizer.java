package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.io.Persistable;
import io.github.nn4j.io.Section;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An update rule: moves parameters against their gradients. Each optimizer works on a model's
 * flat parameter and gradient buffers, so one step is a handful of vectorized operations over
 * the whole model.
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
 * used with. {@link #state()} and {@link #steps()} expose it for saving, {@link #loadState}
 * restores it, so training resumes exactly where it stopped.
 *
 * <p>Saving: {@link #toSection()} captures type, settings, step count and state buffers as one
 * {@link Section}, stored in a model file under {@code ModelFile.OPTIMIZER};
 * {@link #fromSection(Section)} rebuilds an equal optimizer from it:
 * <pre>{@code
 * ModelFile.write(path, model, Map.of(ModelFile.OPTIMIZER, optimizer.toSection()));
 * Optimizer again = Optimizer.fromSection(ModelFile.readAll(path).section(ModelFile.OPTIMIZER).orElseThrow());
 * }</pre>
 */
public interface Optimizer extends Persistable {

    /**
     * Applies one update to {@code parameters} from the gradients stored beside them, and counts
     * the step. The gradients are read, never modified.
     *
     * @param parameters the model's parameters and gradients
     * @throws IllegalStateException if the optimizer holds state for a parameter set of another size
     */
    void step(ParameterSet parameters);

    /**
     * The update written as a formula for worked examples such as {@code trace.StepTrace}, e.g.
     * {@code w ← w − lr·dL/dw} for plain SGD.
     *
     * @return the formula, or an empty string when the optimizer gives none (the default)
     */
    default String updateFormula() {
        return "";
    }

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

    /**
     * A snapshot of this optimizer: its type ({@code "sgd"}, {@code "adam"}, {@code "adamw"},
     * {@code "adagrad"}, {@code "rmsprop"}), every setting (learning rate, betas, ε, momentum,
     * weight decay, …), the step count as setting {@code "steps"}, and copies of the state buffers.
     * Optimizers written outside nn4j must override this to be saved with a checkpoint.
     *
     * @return the section that {@link #fromSection(Section)} turns back into this optimizer
     * @throws UnsupportedOperationException for an optimizer that does not implement it
     */
    @Override
    default Section toSection() {
        throw new UnsupportedOperationException(this + " (" + getClass().getName() + ") cannot be saved: "
                + "implement Optimizer.toSection() to save it with a model or checkpoint");
    }

    /**
     * Rebuilds a built-in optimizer saved with {@link #toSection()}: the same type, settings,
     * step count and state, so the next step is bitwise the one the saved optimizer would take.
     *
     * @param section a section written by {@link #toSection()}
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem for an unknown type, a missing setting or
     *                                  state buffers that do not fit
     */
    static Optimizer fromSection(Section section) {
        return switch (section.type()) {
            case Sgd.TYPE -> Sgd.fromSection(section);
            case Adam.TYPE -> Adam.fromSection(section);
            case AdamW.TYPE -> AdamW.fromSection(section);
            case Adagrad.TYPE -> Adagrad.fromSection(section);
            case RmsProp.TYPE -> RmsProp.fromSection(section);
            default -> throw new IllegalArgumentException("unknown optimizer type '" + section.type() + "'; nn4j knows "
                    + List.of(Sgd.TYPE, Adam.TYPE, AdamW.TYPE, Adagrad.TYPE, RmsProp.TYPE));
        };
    }
}
