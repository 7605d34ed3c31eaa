package io.github.nn4j.spark;

import java.io.Serializable;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One partition's examples, converted once and cached by Spark: features and targets row-major
 * in the model's precision (targets in the loss's form: one-hot rows for class indices, as
 * {@code Trainer} prepares them), and every example's class for counting accuracy. Plain arrays
 * in a plain class, so Java serialization and Kryo both handle it. Built by {@link BlockBuilder}.
 */
final class Block implements Serializable {

    private static final long serialVersionUID = 1L;

    final int rows;
    final int featureCount;
    final int targetWidth;
    private final float[] floatFeatures;
    private final float[] floatTargets;
    private final double[] doubleFeatures;
    private final double[] doubleTargets;
    /** The class of every example, or {@code null} when the outputs name no class. */
    final int[] classes;

    Block(int rows, int featureCount, int targetWidth, float[] features, float[] targets, int[] classes) {
        this(rows, featureCount, targetWidth, features, targets, null, null, classes);
    }

    Block(int rows, int featureCount, int targetWidth, double[] features, double[] targets, int[] classes) {
        this(rows, featureCount, targetWidth, null, null, features, targets, classes);
    }

    private Block(int rows, int featureCount, int targetWidth, float[] floatFeatures, float[] floatTargets,
                  double[] doubleFeatures, double[] doubleTargets, int[] classes) {
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetWidth = targetWidth;
        this.floatFeatures = floatFeatures;
        this.floatTargets = floatTargets;
        this.doubleFeatures = doubleFeatures;
        this.doubleTargets = doubleTargets;
        this.classes = classes;
    }

    /**
     * Copies the examples {@code localRows[from … from+count−1]} (indices into this block) into the
     * first {@code count} rows of {@code features} and {@code targets}, dense row-major arrays of the
     * block's precision.
     */
    void gather(int[] localRows, int from, int count, INDArray features, INDArray targets) {
        if (floatFeatures != null) {
            FloatBuffer x = FlatValues.floats(features);
            FloatBuffer y = FlatValues.floats(targets);
            for (int i = 0; i < count; i++) {
                int row = localRows[from + i];
                x.put(i * featureCount, floatFeatures, row * featureCount, featureCount);
                y.put(i * targetWidth, floatTargets, row * targetWidth, targetWidth);
            }
        } else {
            DoubleBuffer x = FlatValues.doubles(features);
            DoubleBuffer y = FlatValues.doubles(targets);
            for (int i = 0; i < count; i++) {
                int row = localRows[from + i];
                x.put(i * featureCount, doubleFeatures, row * featureCount, featureCount);
                y.put(i * targetWidth, doubleTargets, row * targetWidth, targetWidth);
            }
        }
    }

    /** Copies the examples {@code start … start+count−1} into the first {@code count} rows of the arrays. */
    void range(int start, int count, INDArray features, INDArray targets) {
        copyRange(start, count, features, featureCount, floatFeatures, doubleFeatures);
        copyRange(start, count, targets, targetWidth, floatTargets, doubleTargets);
    }

    private static void copyRange(int start, int count, INDArray into, int width, float[] floats, double[] doubles) {
        if (floats != null) {
            FlatValues.floats(into).put(0, floats, start * width, count * width);
        } else {
            FlatValues.doubles(into).put(0, doubles, start * width, count * width);
        }
    }
}
