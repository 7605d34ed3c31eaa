package io.github.nn4j.optim;

import io.github.nn4j.io.Section;
import io.github.nn4j.model.ParameterSet;
import java.util.LinkedHashMap;
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
 * <p>State: {@code "sum"}, the accumulated squared gradients. Left out: PyTorch's
 * {@code lr_decay} (use a {@link LearningRateSchedule}) and a non-zero initial accumulator.
 */
public final class Adagrad implements Optimizer {

    /** The section type of a saved Adagrad optimizer. */
    public static final String TYPE = "adagrad";

    /** PyTorch's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    private static final String SUM = "sum";

    private double learningRate;
    private double epsilon = 1e-10;
    private final WeightDecay decay = new WeightDecay();
    private final OptimizerState state = new OptimizerState("Adagrad", SUM);
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
        setLearningRate(learningRate);
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

    /**
     * Decoupled weight decay: each step starts with {@code w ← w − lr·λ·w} on the weights.
     *
     * @param lambda λ ≥ 0; 0 (the default) turns it off
     * @return this optimizer
     */
    public Adagrad weightDecay(double lambda) {
        decay.setRate(lambda);
        return this;
    }

    /**
     * Whether weight decay also shrinks biases; by default it does not.
     *
     * @param include true to decay biases too
     * @return this optimizer
     */
    public Adagrad decayBiases(boolean include) {
        decay.setIncludeBiases(include);
        return this;
    }

    @Override
    public void step(ParameterSet parameters) {
        state.bind(parameters);
        update = Updates.buffer(update, parameters);
        decay.apply(parameters, learningRate);
        INDArray sum = state.get(SUM);
        Nd4j.exec(new AdaGradUpdater(parameters.gradients(), sum, update, sum, learningRate, epsilon));
        parameters.values().subi(update);
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
     * Saves type {@code "adagrad"}, settings {@code learningRate}, {@code epsilon},
     * {@code weightDecay}, {@code decayBiases}, {@code steps}, and the {@code "sum"} buffer once it
     * exists.
     */
    @Override
    public Section toSection() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("learningRate", learningRate);
        settings.put("epsilon", epsilon);
        decay.describe(settings);
        return state.toSection(TYPE, settings);
    }

    /**
     * Rebuilds Adagrad saved by {@link #toSection()}, with its settings, step count and sums.
     *
     * @param section an {@code "adagrad"} section
     * @return the optimizer
     * @throws IllegalArgumentException naming the problem when the section does not describe Adagrad
     */
    public static Adagrad fromSection(Section section) {
        section.requireType(TYPE);
        Adagrad adagrad = new Adagrad(section.number("learningRate")).epsilon(section.number("epsilon"));
        adagrad.decay.restore(section);
        adagrad.state.load(section);
        return adagrad;
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + learningRate + ", eps=" + epsilon + decay + ")";
    }
}
