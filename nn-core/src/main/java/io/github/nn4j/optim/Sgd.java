package io.github.nn4j.optim;

import io.github.nn4j.io.Section;
import io.github.nn4j.model.ParameterSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * <p>State: {@code "velocity"} once a step with momentum has run, nothing for plain SGD. Left out: PyTorch's
 * {@code dampening}.
 */
public final class Sgd implements Optimizer {

    /** The section type of a saved SGD optimizer. */
    public static final String TYPE = "sgd";

    private static final String VELOCITY = "velocity";

    private double learningRate;
    private double momentum;
    private boolean nesterov;
    private final WeightDecay decay = new WeightDecay();
    private final OptimizerState state = new OptimizerState("Sgd", VELOCITY);

    /**
     * Creates plain SGD (no momentum, no weight decay).
     *
     * @param learningRate the step size, positive
     */
    public Sgd(double learningRate) {
        setLearningRate(learningRate);
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

    /**
     * Decoupled weight decay: each step starts with {@code w ← w − lr·λ·w} on the weights.
     *
     * @param lambda λ ≥ 0; 0 (the default) turns it off
     * @return this optimizer
     */
    public Sgd weightDecay(double lambda) {
        decay.setRate(lambda);
        return this;
    }

    /**
     * Whether weight decay also shrinks biases; by default it does not.
     *
     * @param include true to decay biases too
     * @return this optimizer
     */
    public Sgd decayBiases(boolean include) {
        decay.setIncludeBiases(include);
        return this;
    }

    @Override
    public void step(ParameterSet parameters) {
        if (nesterov && momentum == 0) {
            throw new IllegalStateException("Nesterov momentum needs a momentum above 0, got momentum " + momentum);
        }
        decay.apply(parameters, learningRate);
        INDArray values = parameters.values();
        INDArray gradients = parameters.gradients();
        if (momentum == 0) {
            Nd4j.getBlasWrapper().axpy(-learningRate, gradients, values);
            state.countStep();
            return;
        }
        state.bind(parameters);
        INDArray velocity = state.get(VELOCITY);
        velocity.muli(momentum).addi(gradients);
        if (nesterov) {
            Nd4j.getBlasWrapper().axpy(-learningRate, gradients, values);
            Nd4j.getBlasWrapper().axpy(-learningRate * momentum, velocity, values);
        } else {
            Nd4j.getBlasWrapper().axpy(-learningRate, velocity, values);
        }
        state.countStep();
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Checks.learningRate(learningRate);
    }

    @Override
    public Map<String, INDArray> state() {
        return state.view();
    }

    @Override
    public long steps() {
        return state.steps();
    }

    @Override
    public void loadState(Map<String, INDArray> saved, long steps) {
        state.load(saved, steps);
    }

    /**
     * Saves type {@code "sgd"}, settings {@code learningRate}, {@code momentum}, {@code nesterov},
     * {@code weightDecay}, {@code decayBiases}, {@code steps}, and the {@code "velocity"} buffer
     * once it exists.
     */
    @Override
    public Section toSection() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("learningRate", learningRate);
        settings.put("momentum", momentum);
        settings.put("nesterov", nesterov);
        decay.describe(settings);
        return state.toSection(TYPE, settings);
    }

    /**
     * Rebuilds SGD saved by {@link #toSection()}, with its settings, step count and velocity.
     *
     * @param section an {@code "sgd"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe SGD
     */
    public static Sgd fromSection(Section section) {
        section.requireType(TYPE);
        Sgd sgd = new Sgd(section.number("learningRate")).momentum(section.number("momentum"))
                .nesterov(section.flag("nesterov"));
        sgd.decay.restore(section);
        sgd.state.load(section);
        return sgd;
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate + (momentum == 0 ? "" : (nesterov ? ", nesterov=" : ", momentum=") + momentum)
                + decay + ")";
    }
}
