package io.github.nn4j.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The softmax–cross-entropy gradient, on the {@link KernelPath} rule.
 */
public final class SoftmaxKernels {

    private SoftmaxKernels() {
    }

    /**
     * {@code into = (softmax(logits) − targets) / rows}: the gradient of the mean softmax
     * cross-entropy, with the row maximum subtracted before exponentiating.
     *
     * @param logits  {@code [rows, classes]}
     * @param targets {@code [rows, classes]} probability rows (usually one-hot)
     * @param into    {@code [rows, classes]}, overwritten
     */
    public static void softmaxCrossEntropyGradient(INDArray logits, INDArray targets, INDArray into) {
        double scale = 1.0 / logits.rows();
        if (!KernelPath.javaPath(logits, targets, into)) {
            Nd4j.exec(new SoftMax(logits, into, 1));
            into.subi(targets).muli(scale);
            return;
        }
        FloatBuffer z = KernelPath.floats(logits);
        FloatBuffer y = KernelPath.floats(targets);
        FloatBuffer g = KernelPath.floats(into);
        int rows = (int) logits.rows();
        int classes = (int) logits.columns();
        for (int i = 0, base = 0; i < rows; i++, base += classes) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z.get(base + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float e = (float) Math.exp(z.get(base + c) - max);
                g.put(base + c, e);
                sum += e;
            }
            double normalizer = 1.0 / sum;
            for (int c = 0; c < classes; c++) {
                g.put(base + c, (float) ((g.get(base + c) * normalizer - y.get(base + c)) * scale));
            }
        }
    }

}
