package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax and the cross-entropies the losses need, on the {@link KernelPath} rule. Every Java loop
 * here takes a row's softmax from one place: subtract the row maximum m, then
 * {@code e_c = e^(z_c − m)} (rounded to float) and {@code s = Σ_c e_c} in double, so that
 * {@code softmax(z)_c = e_c / s} and {@code log Σ_c e^(z_c) = log s + m}.
 */
public final class SoftmaxKernels {

    private SoftmaxKernels() {
    }

    /**
     * {@code into = softmax(logits)} row by row, {@code e^(z_c − max) / Σ_j e^(z_j − max)}: ND4J's
     * native softmax, at any size (the layer's forward pass, whose numbers stay ND4J's).
     *
     * @param logits {@code [rows, classes]}
     * @param into   {@code [rows, classes]}, overwritten
     */
    public static void softmax(INDArray logits, INDArray into) {
        Nd4j.exec(new SoftMax(logits, into, 1));
    }

    /**
     * {@code into = (softmax(logits) − targets) / rows}: the gradient of the mean softmax
     * cross-entropy.
     *
     * @param logits  {@code [rows, classes]}
     * @param targets {@code [rows, classes]} probability rows (usually one-hot)
     * @param into    {@code [rows, classes]}, overwritten
     */
    public static void softmaxCrossEntropyGradient(INDArray logits, INDArray targets, INDArray into) {
        softmaxCrossEntropyGradient(logits, targets, logits.rows(), into);
    }

    /**
     * {@code into = (softmax(logits) − targets) / examples}: the gradient of the rows' summed softmax
     * cross-entropy divided by {@code examples} (the rows of a batch, or the examples of a larger
     * batch these rows are part of).
     *
     * @param logits   {@code [rows, classes]}
     * @param targets  {@code [rows, classes]} probability rows (usually one-hot)
     * @param examples what the sum is divided by
     * @param into     {@code [rows, classes]}, overwritten
     */
    public static void softmaxCrossEntropyGradient(INDArray logits, INDArray targets, long examples, INDArray into) {
        double scale = 1.0 / examples;
        if (!KernelPath.javaPath(logits, targets, into)) {
            softmax(logits, into);
            into.subi(targets).muli(scale);
            return;
        }
        FloatBuffer z = KernelPath.floats(logits);
        FloatBuffer y = KernelPath.floats(targets);
        FloatBuffer g = KernelPath.floats(into);
        int rows = (int) logits.rows();
        int classes = (int) logits.columns();
        for (int i = 0, base = 0; i < rows; i++, base += classes) {
            double normalizer = 1.0 / exponentials(z, base, classes, rowMax(z, base, classes), g);
            for (int c = 0; c < classes; c++) {
                g.put(base + c, (float) ((g.get(base + c) * normalizer - y.get(base + c)) * scale));
            }
        }
    }

    /**
     * The summed softmax cross-entropy of the rows, {@code Σ_i [log Σ_c e^(z_ic) · Σ_c y_ic − Σ_c y_ic·z_ic]}
     * (for one-hot rows: {@code Σ_i −log softmax(z_i)_{y_i}}), stable for any logits. The Java loop
     * works in double and skips zero targets; the ND4J path computes the same in the arrays' type.
     *
     * @param logits  {@code [rows, classes]}
     * @param targets {@code [rows, classes]} probability rows (usually one-hot)
     * @return the sum over rows, not divided by anything
     */
    public static double softmaxCrossEntropySum(INDArray logits, INDArray targets) {
        if (!KernelPath.javaPath(logits, targets)) {
            INDArray rowMax = logits.max(1);
            INDArray shifted = logits.subColumnVector(rowMax);
            INDArray logSumExp = Transforms.log(Transforms.exp(shifted, false).sum(1), false).addi(rowMax);
            return logSumExp.muli(targets.sum(1)).sumNumber().doubleValue() - targets.mul(logits).sumNumber().doubleValue();
        }
        FloatBuffer z = KernelPath.floats(logits);
        FloatBuffer y = KernelPath.floats(targets);
        int rows = (int) logits.rows();
        int classes = (int) logits.columns();
        double sum = 0;
        for (int i = 0, base = 0; i < rows; i++, base += classes) {
            float max = rowMax(z, base, classes);
            double logSumExp = Math.log(exponentials(z, base, classes, max, null)) + max;
            double targetMass = 0;
            double targetDotLogits = 0;
            for (int c = 0; c < classes; c++) {
                float target = y.get(base + c);
                if (target != 0) {   // so that a −∞ logit of a class with no mass adds 0, not 0·∞
                    targetMass += target;
                    targetDotLogits += target * (double) z.get(base + c);
                }
            }
            sum += logSumExp * targetMass - targetDotLogits;
        }
        return sum;
    }

    /**
     * The summed cross-entropy of probability rows, {@code −Σ_i Σ_c y_ic·log max(q_ic, floor)}. The
     * Java loop works in double and skips zero targets.
     *
     * @param probabilities {@code [rows, classes]}, e.g. a softmax layer's output
     * @param targets       {@code [rows, classes]} probability rows (usually one-hot)
     * @param floor         the smallest probability taken, so that log 0 never occurs
     * @return the sum over rows, not divided by anything
     */
    public static double crossEntropySum(INDArray probabilities, INDArray targets, double floor) {
        if (!KernelPath.javaPath(probabilities, targets)) {
            INDArray logQ = Transforms.log(Transforms.max(probabilities, floor, true), false);
            return -targets.mul(logQ).sumNumber().doubleValue();
        }
        FloatBuffer q = KernelPath.floats(probabilities);
        FloatBuffer y = KernelPath.floats(targets);
        double sum = 0;
        for (int i = 0, n = (int) probabilities.length(); i < n; i++) {
            float target = y.get(i);
            if (target != 0) {
                sum -= target * Math.log(Math.max(q.get(i), floor));
            }
        }
        return sum;
    }

    private static float rowMax(FloatBuffer z, int base, int classes) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, z.get(base + c));
        }
        return max;
    }

    /**
     * {@code Σ_c e^(z_c − max)} over one row, each term rounded to float; also written to
     * {@code into} at the row's positions unless it is {@code null}.
     */
    private static double exponentials(FloatBuffer z, int base, int classes, float max, FloatBuffer into) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            float e = (float) Math.exp(z.get(base + c) - max);
            if (into != null) {
                into.put(base + c, e);
            }
            sum += e;
        }
        return sum;
    }
}
