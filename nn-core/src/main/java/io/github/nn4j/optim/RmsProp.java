package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.io.Section;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.RmsPropUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RMSProp: divides each step by a running root mean square of recent gradients, in PyTorch's
 * form and defaults ({@code lr = 0.01}, {@code α = 0.99}, {@code ε = 1e-8}):
 *
 * <pre>
 * v ← α·v + (1 − α)·g²          (v starts at 0)
 * w ← w − lr·g / (√v + ε)
 * </pre>
 * One fused native update ({@code RmsPropUpdater}, whose formula is exactly this) and one
 * subtraction over the whole model. {@link #weightDecay(double)} adds the decoupled
 * {@code w ← w − lr·λ·w} on weights first.
 *
 * <pre>{@code
 * Optimizer rmsProp = new RmsProp(1e-3);
 * rmsProp.step(model.parameterSet());
 * }</pre>
 *
 * <p>State: {@code "square_average"}, the running {@code v}. Saved as type {@code "rmsprop"} with
 * settings {@code alpha} and {@code epsilon} besides the common ones. Left out: PyTorch's
 * {@code momentum} and {@code centered} variants.
 */
public final class RmsProp extends BaseOptimizer<RmsProp> {

    /** The section type of a saved RMSProp optimizer. */
    public static final String TYPE = "rmsprop";

    /** PyTorch's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    private static final String SQUARE_AVERAGE = "square_average";

    private double alpha = 0.99;
    private double epsilon = 1e-8;
    private INDArray update;

    /** Creates RMSProp with learning rate 0.01. */
    public RmsProp() {
        this(DEFAULT_LEARNING_RATE);
    }

    /**
     * Creates RMSProp.
     *
     * @param learningRate the step size, positive
     */
    public RmsProp(double learningRate) {
        super("RmsProp", TYPE, learningRate, SQUARE_AVERAGE);
    }

    /**
     * The smoothing constant of the running average.
     *
     * @param alpha α in [0, 1); 0.99 by default
     * @return this optimizer
     */
    public RmsProp alpha(double alpha) {
        this.alpha = Checks.fraction("alpha", alpha);
        return this;
    }

    /**
     * The term added to {@code √v} against division by zero.
     *
     * @param epsilon positive; 1e-8 by default
     * @return this optimizer
     */
    public RmsProp epsilon(double epsilon) {
        this.epsilon = Checks.positive("epsilon", epsilon);
        return this;
    }

    @Override
    void update(ParameterSet parameters, double learningRate) {
        update = Updates.buffer(update, parameters);
        INDArray average = state.get(SQUARE_AVERAGE);
        Nd4j.exec(new RmsPropUpdater(parameters.gradients(), average, update, average, learningRate, alpha, epsilon));
        parameters.values().subi(update);
    }

    @Override
    void describe(Map<String, Object> settings) {
        settings.put("alpha", alpha);
        settings.put("epsilon", epsilon);
    }

    @Override
    void restoreSettings(Section section) {
        alpha(section.number("alpha")).epsilon(section.number("epsilon"));
    }

    @Override
    String details() {
        return ", alpha=" + alpha + ", eps=" + epsilon;
    }

    /**
     * Rebuilds RMSProp saved by {@link #toSection()}, with its settings, step count and averages.
     *
     * @param section an {@code "rmsprop"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe RMSProp
     */
    public static RmsProp fromSection(Section section) {
        return new RmsProp(section.requireType(TYPE).number("learningRate")).restore(section);
    }
}
