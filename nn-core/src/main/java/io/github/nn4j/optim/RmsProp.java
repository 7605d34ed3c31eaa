package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
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
 * <p>State: {@code "square_average"}, the running {@code v}. Left out: PyTorch's
 * {@code momentum} and {@code centered} variants.
 */
public final class RmsProp extends BaseOptimizer<RmsProp> {

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
        super(learningRate, SQUARE_AVERAGE);
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

    /** The smoothing constant α. */
    public double alpha() {
        return alpha;
    }

    /** The term added to {@code √v}. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public void step(ParameterSet parameters) {
        state.bind(parameters);
        double lr = learningRate();
        decay.apply(parameters, lr);
        INDArray v = state.get(SQUARE_AVERAGE);
        update = Updates.buffer(update, parameters);
        // v ← α·v + (1 − α)·g²;  update = lr·g / (√v + ε)
        Nd4j.exec(new RmsPropUpdater(parameters.gradients(), v, update, v, lr, alpha, epsilon));
        parameters.values().subi(update);             // w ← w − update
        state.countStep();
    }

    @Override
    public String toString() {
        return describe(", alpha=" + alpha + ", eps=" + epsilon);
    }
}
