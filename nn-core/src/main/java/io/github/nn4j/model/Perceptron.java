package io.github.nn4j.model;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.OneHot;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rosenblatt's perceptron: one M-P neuron with a step activation,
 * {@code ŷ = step(x·w + b)} (1 if {@code x·w + b ≥ 0}, else 0: {@link Activation#step()}), trained by the perceptron
 * learning rule {@code w ← w + η(y − ŷ)x}, {@code b ← b + η(y − ŷ)}, one example at a time.
 *
 * <p>It learns any linearly separable function (AND, OR) in finitely many updates, and never
 * learns XOR, whose classes no straight line separates: that takes a hidden layer.
 *
 * <pre>{@code
 * DataSet and = new DataSet(Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
 *         Nd4j.create(new float[][] {{0}, {0}, {0}, {1}}));
 * Perceptron p = new Perceptron(2);
 * p.fit(and, 0.1, 20);                              // 4: the fourth epoch makes no mistake
 * p.predict(Nd4j.create(new float[][] {{1, 1}}));  // [[1.0]]
 * }</pre>
 */
public final class Perceptron {

    private static final Activation STEP = Activation.step();

    private final double[] weights;
    private double bias;

    /**
     * Creates a perceptron with all weights and the bias at zero (fine for a single neuron:
     * there is no symmetry between hidden units to break).
     *
     * @param inputs number of inputs
     */
    public Perceptron(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("a perceptron needs at least one input, got " + inputs);
        }
        this.weights = new double[inputs];
    }

    /**
     * One pass of the perceptron rule over the examples, in order.
     *
     * @param data         features {@code [n, inputs]} and 0/1 labels {@code [n, 1]}
     * @param learningRate η, positive
     * @return the number of examples it misclassified (and so updated on) during the pass
     * @throws IllegalArgumentException naming the row and value of a label that is not 0 or 1
     */
    public int trainEpoch(DataSet data, double learningRate) {
        int[] y = labels(data);
        double[][] x = data.features().toDoubleMatrix();
        int mistakes = 0;
        for (int i = 0; i < x.length; i++) {
            double error = y[i] - output(x[i]);
            if (error != 0) {
                mistakes++;
                for (int j = 0; j < weights.length; j++) {
                    weights[j] += learningRate * error * x[i][j];
                }
                bias += learningRate * error;
            }
        }
        return mistakes;
    }

    /**
     * Runs the perceptron rule until an epoch makes no mistake or {@code maxEpochs} have passed.
     *
     * @param data         features and 0/1 labels
     * @param learningRate η, positive
     * @param maxEpochs    the most passes to make
     * @return the number of epochs run
     */
    public int fit(DataSet data, double learningRate, int maxEpochs) {
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            if (trainEpoch(data, learningRate) == 0) {
                return epoch;
            }
        }
        return maxEpochs;
    }

    /**
     * Classifies a batch.
     *
     * @param features {@code [n, inputs]}
     * @return {@code [n, 1]} of 0s and 1s
     */
    public INDArray predict(INDArray features) {
        Shapes.requireMatrix(features, weights.length, toString(), "input");
        double[][] x = features.toDoubleMatrix();
        double[][] result = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            result[i][0] = output(x[i]);
        }
        return Nd4j.create(result);
    }

    /**
     * Fraction of examples classified correctly.
     *
     * @param data features and 0/1 labels
     * @return accuracy in [0, 1]
     * @throws IllegalArgumentException naming the row and value of a label that is not 0 or 1
     */
    public double accuracy(DataSet data) {
        int[] y = labels(data);
        double[] predicted = JavaArrays.toDoubles(predict(data.features()));
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += predicted[i] == y[i] ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    private double output(double[] x) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * x[j];
        }
        return STEP.value(z);
    }

    /** The labels as 0s and 1s, after checking the data's shape and that every label is 0 or 1. */
    private int[] labels(DataSet data) {
        if (data.featureCount() != weights.length || !data.hasClassIndices()) {
            throw new IllegalArgumentException(this + " needs features [n, " + weights.length
                    + "] and 0/1 labels [n, 1], got " + data);
        }
        try {
            return OneHot.readIndices(data.labels(), 2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this + " needs labels 0 or 1: " + e.getMessage(), e);
        }
    }

    /** A copy of the weights w. */
    public double[] weights() {
        return weights.clone();
    }

    /** The bias b (the negative of the M-P neuron's threshold θ). */
    public double bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "Perceptron(w=" + Arrays.toString(weights) + ", b=" + bias + ")";
    }
}
