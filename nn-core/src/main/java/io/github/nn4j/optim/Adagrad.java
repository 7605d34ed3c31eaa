package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
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
 * <p>State: {@code "sum"}, the accumulated squared gradients. Left out: PyTorch's
 * {@code lr_decay} (use a {@link LearningRateSchedule}) and a non-zero initial accumulator.
 */
public final class Adagrad extends BaseOptimizer<Adagrad> {

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
        super(learningRate, SUM);
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

    /** The term added to {@code √s}. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public void step(ParameterSet parameters) {
        state.bind(parameters);
        double lr = learningRate();
        decay.apply(parameters, lr);
        INDArray s = state.get(SUM);
        update = Updates.buffer(update, parameters);
        // s ← s + g²;  update = lr·g / (√s + ε)
        Nd4j.exec(new AdaGradUpdater(parameters.gradients(), s, update, s, lr, epsilon));
        parameters.values().subi(update);             // w ← w − update
        state.countStep();
    }

    @Override
    public String toString() {
        return describe(", eps=" + epsilon);
    }
}
