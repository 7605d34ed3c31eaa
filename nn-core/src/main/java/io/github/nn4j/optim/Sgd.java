package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.io.Section;
import io.github.nn4j.kernels.DirectBlas;
import java.util.Map;
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
 * <p>State: {@code "velocity"} once a step with momentum has run, nothing for plain SGD. Saved
 * (see {@link #toSection()}) as type {@code "sgd"} with settings {@code momentum} and
 * {@code nesterov} besides the common ones. Left out: PyTorch's {@code dampening}.
 */
public final class Sgd extends BaseOptimizer<Sgd> {

    /** The section type of a saved SGD optimizer. */
    public static final String TYPE = "sgd";

    private static final String VELOCITY = "velocity";

    private double momentum;
    private boolean nesterov;

    /**
     * Creates plain SGD (no momentum, no weight decay).
     *
     * @param learningRate the step size, positive
     */
    public Sgd(double learningRate) {
        super("Sgd", TYPE, learningRate, VELOCITY);
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

    @Override
    void prepare(ParameterSet parameters) {
        if (nesterov && momentum == 0) {
            throw new IllegalStateException("Nesterov momentum needs a momentum above 0, got momentum " + momentum);
        }
        if (momentum != 0) {
            state.bind(parameters);
        }
    }

    @Override
    void update(ParameterSet parameters, double learningRate) {
        INDArray values = parameters.values();
        INDArray gradients = parameters.gradients();
        if (momentum == 0) {
            DirectBlas.axpy(-learningRate, gradients, values);
            return;
        }
        INDArray velocity = state.get(VELOCITY);
        velocity.muli(momentum).addi(gradients);
        if (nesterov) {
            DirectBlas.axpy(-learningRate, gradients, values);
            DirectBlas.axpy(-learningRate * momentum, velocity, values);
        } else {
            DirectBlas.axpy(-learningRate, velocity, values);
        }
    }

    /**
     * {@code w ← w − lr·dL/dw} for plain SGD; with momentum {@code b ← μ·b + dL/dw, w ← w − lr·b}
     * (Nesterov: {@code w ← w − lr·(dL/dw + μ·b)}); with weight decay preceded by
     * {@code w ← w − lr·λ·w}.
     */
    @Override
    public String updateFormula() {
        String decay = weightDecay() == 0 ? "" : "w ← w − lr·λ·w, then ";
        if (momentum == 0) {
            return decay + "w ← w − lr·dL/dw";
        }
        return decay + "b ← μ·b + dL/dw, " + (nesterov ? "w ← w − lr·(dL/dw + μ·b)" : "w ← w − lr·b");
    }

    @Override
    void describe(Map<String, Object> settings) {
        settings.put("momentum", momentum);
        settings.put("nesterov", nesterov);
    }

    @Override
    void restoreSettings(Section section) {
        momentum(section.number("momentum")).nesterov(section.flag("nesterov"));
    }

    @Override
    String details() {
        return momentum == 0 ? "" : (nesterov ? ", nesterov=" : ", momentum=") + momentum;
    }

    /**
     * Rebuilds SGD saved by {@link #toSection()}, with its settings, step count and velocity.
     *
     * @param section an {@code "sgd"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe SGD
     */
    public static Sgd fromSection(Section section) {
        return new Sgd(section.requireType(TYPE).number("learningRate")).restore(section);
    }
}
