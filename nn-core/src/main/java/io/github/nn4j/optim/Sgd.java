package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.internal.kernels.DirectBlas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent, optionally with momentum or Nesterov momentum, in PyTorch's form.
 *
 * <pre>
 * plain:     w ← w − lr·g
 * momentum:  b ← μ·b + g;   w ← w − lr·b            (b starts at 0, so the first b is g)
 * Nesterov:  b ← μ·b + g;   w ← w − lr·(g + μ·b)
 * </pre>
 * The velocity {@code b} holds gradients, not steps, so a learning-rate schedule rescales the
 * whole update at once. Each line is one or two BLAS {@code axpy}/scale calls over the whole
 * model. With {@link #weightDecay(double)} λ, every step first applies {@code w ← w − lr·λ·w}
 * to the weights, which for plain SGD is the notes' rule {@code w ← w(1 − lr·λ) − lr·g}.
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(0.1);                                  // plain
 * Optimizer nesterov = new Sgd(0.1).momentum(0.9).nesterov(true);
 * nesterov.step(model.parameterSet());
 * }</pre>
 *
 * <p>State: {@code "velocity"} once a step with momentum has run, nothing for plain SGD. Left
 * out: PyTorch's {@code dampening}.
 */
public final class Sgd extends BaseOptimizer<Sgd> {

    private static final String VELOCITY = "velocity";

    private double momentum;
    private boolean nesterov;

    /**
     * Creates plain SGD (no momentum, no weight decay).
     *
     * @param learningRate the step size, positive
     */
    public Sgd(double learningRate) {
        super(learningRate, VELOCITY);
    }

    /**
     * Turns on momentum.
     *
     * @param momentum μ in [0, 1); 0 (the default) is plain SGD, 0.9 is usual
     * @return this optimizer
     */
    public Sgd momentum(double momentum) {
        this.momentum = Checks.fraction("momentum", momentum);
        return this;
    }

    /**
     * Uses Nesterov momentum instead of classical momentum; needs a momentum above 0.
     *
     * @param nesterov true for Nesterov
     * @return this optimizer
     */
    public Sgd nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /** The momentum μ, 0 for plain SGD. */
    public double momentum() {
        return momentum;
    }

    /** Whether the momentum is Nesterov's. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public void step(ParameterSet parameters) {
        if (nesterov && momentum == 0) {
            throw new IllegalStateException("Nesterov momentum needs a momentum above 0, got momentum " + momentum);
        }
        if (momentum != 0) {
            state.bind(parameters);
        }
        double lr = learningRate();
        decay.apply(parameters, lr);
        INDArray w = parameters.values();
        INDArray g = parameters.gradients();
        if (momentum == 0) {
            DirectBlas.axpy(-lr, g, w);                 // w ← w − lr·g
        } else {
            INDArray b = state.get(VELOCITY);
            b.muli(momentum).addi(g);               // b ← μ·b + g
            if (nesterov) {
                DirectBlas.axpy(-lr, g, w);             // w ← w − lr·(g + μ·b)
                DirectBlas.axpy(-lr * momentum, b, w);
            } else {
                DirectBlas.axpy(-lr, b, w);             // w ← w − lr·b
            }
        }
        state.countStep();
    }

    @Override
    public String toString() {
        return describe(momentum == 0 ? "" : (nesterov ? ", nesterov=" : ", momentum=") + momentum);
    }
}
