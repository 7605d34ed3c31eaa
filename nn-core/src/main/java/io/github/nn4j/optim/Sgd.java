package io.github.nn4j.optim;

import io.github.nn4j.model.ParameterSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain stochastic gradient descent: {@code w ← w − lr·g}, one BLAS {@code axpy} over the
 * whole model.
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(0.1);
 * sgd.step(model.parameterSet());
 * }</pre>
 */
public final class Sgd implements Optimizer {

    private double learningRate;

    /**
     * Creates plain SGD.
     *
     * @param learningRate the step size, positive
     */
    public Sgd(double learningRate) {
        setLearningRate(learningRate);
    }

    @Override
    public void step(ParameterSet parameters) {
        Nd4j.getBlasWrapper().axpy(-learningRate, parameters.gradients(), parameters.values());
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate + ")";
    }
}
