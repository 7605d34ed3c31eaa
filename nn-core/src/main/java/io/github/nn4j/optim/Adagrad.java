package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.io.Section;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adagrad: each entry's step shrinks with the sum of its squared gradients so far, in PyTorch's
 * form and defaults ({@code lr = 0.01}, {@code ε = 1e-10}, accumulator starting at 0):
 *
 * <pre>
 * s ← s + g²
 * w ← w − lr·g / (√s + ε)
 * </pre>
 * One fused native update ({@code AdaGradUpdater}, whose formula is exactly this) and one
 * subtraction over the whole model. {@link #weightDecay(double)} adds the decoupled
 * {@code w ← w − lr·λ·w} on weights first.
 *
 * <pre>{@code
 * Optimizer adagrad = new Adagrad(0.05);
 * adagrad.step(model.parameterSet());
 * }</pre>
 *
 * <p>State: {@code "sum"}, the accumulated squared gradients. Saved as type {@code "adagrad"} with
 * setting {@code epsilon} besides the common ones. Left out: PyTorch's {@code lr_decay} (use a
 * {@link LearningRateSchedule}) and a non-zero initial accumulator.
 */
public final class Adagrad extends BaseOptimizer<Adagrad> {

    /** The section type of a saved Adagrad optimizer. */
    public static final String TYPE = "adagrad";

    /** PyTorch's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    private static final String SUM = "sum";

    private double epsilon = 1e-10;
    private INDArray update;

    /** Creates Adagrad with learning rate 0.01. */
    public Adagrad() {
        this(DEFAULT_LEARNING_RATE);
    }

    /**
     * Creates Adagrad.
     *
     * @param learningRate the base step size, positive
     */
    public Adagrad(double learningRate) {
        super("Adagrad", TYPE, learningRate, SUM);
    }

    /**
     * The term added to {@code √s} against division by zero.
     *
     * @param epsilon positive; 1e-10 by default
     * @return this optimizer
     */
    public Adagrad epsilon(double epsilon) {
        this.epsilon = Checks.positive("epsilon", epsilon);
        return this;
    }

    @Override
    void update(ParameterSet parameters, double learningRate) {
        update = Updates.buffer(update, parameters);
        INDArray sum = state.get(SUM);
        Nd4j.exec(new AdaGradUpdater(parameters.gradients(), sum, update, sum, learningRate, epsilon));
        parameters.values().subi(update);
    }

    @Override
    void describe(Map<String, Object> settings) {
        settings.put("epsilon", epsilon);
    }

    @Override
    void restoreSettings(Section section) {
        epsilon(section.number("epsilon"));
    }

    @Override
    String details() {
        return ", eps=" + epsilon;
    }

    /**
     * Rebuilds Adagrad saved by {@link #toSection()}, with its settings, step count and sums.
     *
     * @param section an {@code "adagrad"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe Adagrad
     */
    public static Adagrad fromSection(Section section) {
        return new Adagrad(section.requireType(TYPE).number("learningRate")).restore(section);
    }
}
