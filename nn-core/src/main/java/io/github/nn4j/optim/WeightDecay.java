package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.internal.kernels.DropoutKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Decoupled weight decay {@code w ← w − lr·λ·w} = {@code w·(1 − lr·λ)}, applied to weights only
 * (by {@link ParameterSet#weightMask()}) unless biases are included. Shared by every optimizer.
 *
 * <p>One multiply per step: the per-entry factors {@code 1 − lr·λ·mask} are kept in a buffer
 * and rebuilt only when the learning rate changes.
 */
final class WeightDecay {

    private double rate;
    private boolean includeBiases;
    private INDArray factors;
    private double factorsLearningRate = Double.NaN;

    void setRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("weight decay must be finite and at least 0, got " + rate);
        }
        this.rate = rate;
        factorsLearningRate = Double.NaN;
    }

    double rate() {
        return rate;
    }

    void setIncludeBiases(boolean includeBiases) {
        this.includeBiases = includeBiases;
    }

    boolean includeBiases() {
        return includeBiases;
    }

    void apply(ParameterSet parameters, double learningRate) {
        if (rate == 0) {
            return;
        }
        INDArray values = parameters.values();
        if (includeBiases) {
            values.muli(1 - learningRate * rate);
            return;
        }
        if (factors == null || factors.length() != values.length() || factors.dataType() != values.dataType()) {
            factors = values.ulike();
            factorsLearningRate = Double.NaN;
        }
        if (learningRate != factorsLearningRate) {
            parameters.weightMask().mul(-learningRate * rate, factors).addi(1.0);
            factorsLearningRate = learningRate;
        }
        DropoutKernels.multiply(values, factors, values);   // a Java loop for small models, no ND4J op
    }

    @Override
    public String toString() {
        return rate == 0 ? "" : ", weightDecay=" + rate + (includeBiases ? " (with biases)" : "");
    }
}
