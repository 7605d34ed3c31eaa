package io.github.nn4j.train;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.internal.kernels.KernelPath;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.losses.OutputKind;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adds up the loss and counts correct predictions over the batches of an epoch: what the
 * training loop reports. The loss of a batch comes from the {@link Loss} itself; the predicted
 * class of an output row from the loss's {@link OutputKind}, read from one bulk copy of the
 * outputs into a Java array it keeps (no native operation, no allocation per batch).
 */
final class Meter {

    private final OutputKind kind;
    private float[] values = new float[0];
    private double lossSum;
    private long correct;
    private long count;

    /**
     * @param kind what the outputs mean, already fitted to the model's output size
     *             ({@link OutputKind#forOutputs}); {@link OutputKind#OTHER} counts no accuracy
     */
    Meter(OutputKind kind) {
        this.kind = kind;
    }

    void reset() {
        lossSum = 0;
        correct = 0;
        count = 0;
    }

    /**
     * Adds one batch.
     *
     * @param meanLoss the batch's mean loss (the cost)
     * @param penalty  the regularization penalty to add to each of its examples, or 0
     * @param output   the model's output for the batch {@code [b, k]}
     * @param classes  the actual class of every example, or {@code null} when there is no accuracy
     * @param offset   where this batch's examples start in {@code classes}
     */
    void add(double meanLoss, double penalty, INDArray output, int[] classes, int offset) {
        int rows = (int) output.rows();
        lossSum += meanLoss * rows;
        lossSum += penalty * rows;
        count += rows;
        if (kind.hasClasses()) {
            correct += kind.countCorrect(values(output), rows, (int) output.columns(), r -> classes[offset + r]);
        }
    }

    /** The outputs row-major: for a float block copied into a kept array (no allocation), else a new copy. */
    private float[] values(INDArray output) {
        if (!KernelPath.floatBlocks(output)) {
            return JavaArrays.toFloats(output);
        }
        int length = (int) output.length();
        if (values.length < length) {
            values = new float[length];
        }
        KernelPath.floats(output).get(0, values, 0, length);
        return values;
    }

    double meanLoss() {
        return lossSum / count;
    }

    double accuracy() {
        return (double) correct / count;
    }

    boolean hasAccuracy() {
        return kind.hasClasses();
    }
}
