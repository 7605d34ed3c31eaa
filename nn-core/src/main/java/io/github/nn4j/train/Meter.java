package io.github.nn4j.train;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.losses.BinaryCrossEntropy;
import io.github.nn4j.losses.BinaryCrossEntropyFromLogits;
import io.github.nn4j.losses.CategoricalCrossEntropy;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.losses.SoftmaxCrossEntropy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums the loss and counts correct predictions over the batches of an epoch: the one place
 * where the training loop measures what it reports.
 *
 * <p>For the cross-entropy losses with one-hot targets it reads the batch's outputs into Java
 * once (a single bulk copy, no native operation) and computes both loss and accuracy there, in
 * double precision, with the same formulas as {@link SoftmaxCrossEntropy} and
 * {@link CategoricalCrossEntropy}. Each ND4J call costs 10–30 µs, and {@code Loss.value} takes
 * about ten of them, so this keeps reporting nearly free. Other losses call {@link Loss#value}.
 */
final class Meter {

    /** What the model's outputs mean, which decides how accuracy is counted. */
    enum Task {
        /** One output per class; the predicted class is the largest output. */
        MULTICLASS,
        /** One logit; class 1 when it is above 0. */
        BINARY_LOGIT,
        /** One probability; class 1 when it is at least 0.5. */
        BINARY_PROBABILITY,
        /** Regression or anything else: loss only. */
        OTHER;

        static Task of(Loss loss, int outputs) {
            if ((loss instanceof SoftmaxCrossEntropy || loss instanceof CategoricalCrossEntropy) && outputs > 1) {
                return MULTICLASS;
            }
            if (loss instanceof BinaryCrossEntropyFromLogits && outputs == 1) {
                return BINARY_LOGIT;
            }
            if (loss instanceof BinaryCrossEntropy && outputs == 1) {
                return BINARY_PROBABILITY;
            }
            return OTHER;
        }

        boolean hasAccuracy() {
            return this != OTHER;
        }
    }

    private static final double EPSILON = 1e-7;

    private final Loss loss;
    private final Task task;
    private final boolean lossInJava;
    private final boolean logits;
    private double lossSum;
    private long correct;
    private long count;

    /**
     * @param loss      the training loss
     * @param task      how to count accuracy
     * @param oneHot    whether the targets are exactly one-hot rows (then cross-entropy is computed here)
     */
    Meter(Loss loss, Task task, boolean oneHot) {
        this.loss = loss;
        this.task = task;
        this.logits = loss instanceof SoftmaxCrossEntropy;
        this.lossInJava = task == Task.MULTICLASS && oneHot;
    }

    void reset() {
        lossSum = 0;
        correct = 0;
        count = 0;
    }

    /**
     * Adds one batch.
     *
     * @param output  the model's output {@code [b, k]}
     * @param targets the targets of the batch, as given to the loss
     * @param classes the actual class of every example, or {@code null} when there is no accuracy
     * @param offset  where this batch's examples start in {@code classes}
     * @return the batch's mean loss
     */
    double add(INDArray output, INDArray targets, int[] classes, int offset) {
        int rows = (int) output.rows();
        double batchLoss;
        if (task.hasAccuracy()) {
            float[] values = JavaArrays.toFloats(output);
            int k = (int) output.columns();
            batchLoss = lossInJava ? crossEntropy(values, k, classes, offset) / rows : loss.value(output, targets);
            correct += countCorrect(values, k, classes, offset);
        } else {
            batchLoss = loss.value(output, targets);
        }
        lossSum += batchLoss * rows;
        count += rows;
        return batchLoss;
    }

    /**
     * Adds a per-example amount to the batch just added, e.g. the regularization penalty, so the
     * mean loss is the objective rather than the cost.
     *
     * @param amount the amount added to each of the batch's examples
     * @param rows   the batch's size
     */
    void addToLoss(double amount, int rows) {
        lossSum += amount * rows;
    }

    double meanLoss() {
        return lossSum / count;
    }

    double accuracy() {
        return (double) correct / count;
    }

    boolean hasAccuracy() {
        return task.hasAccuracy();
    }

    private double crossEntropy(float[] values, int k, int[] classes, int offset) {
        double sum = 0;
        for (int r = 0, base = 0; r < values.length / k; r++, base += k) {
            int truth = classes[offset + r];
            if (logits) {
                // −log softmax(z)_y = log Σ_c e^(z_c − max) + max − z_y
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, values[base + c]);
                }
                double exponentials = 0;
                for (int c = 0; c < k; c++) {
                    exponentials += Math.exp(values[base + c] - max);
                }
                sum += Math.log(exponentials) + max - values[base + truth];
            } else {
                sum -= Math.log(Math.max(values[base + truth], EPSILON));
            }
        }
        return sum;
    }

    private long countCorrect(float[] values, int k, int[] classes, int offset) {
        long hits = 0;
        int rows = values.length / k;
        for (int r = 0, base = 0; r < rows; r++, base += k) {
            int predicted;
            if (task == Task.MULTICLASS) {
                predicted = JavaArrays.argmax(values, base, k);
            } else if (task == Task.BINARY_LOGIT) {
                predicted = values[base] > 0 ? 1 : 0;
            } else {
                predicted = values[base] >= 0.5 ? 1 : 0;
            }
            if (predicted == classes[offset + r]) {
                hits++;
            }
        }
        return hits;
    }
}
