package io.github.nn4j.spark;

import java.io.Serializable;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
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

    /** A new block holding the examples {@code start … start+count−1} of this one. */
    Block slice(int start, int count) {
        int[] someClasses = classes == null ? null : Arrays.copyOfRange(classes, start, start + count);
        if (floatFeatures != null) {
            return new Block(count, featureCount, targetWidth,
                    Arrays.copyOfRange(floatFeatures, start * featureCount, (start + count) * featureCount),
                    Arrays.copyOfRange(floatTargets, start * targetWidth, (start + count) * targetWidth),
                    someClasses);
        }
        return new Block(count, featureCount, targetWidth,
                Arrays.copyOfRange(doubleFeatures, start * featureCount, (start + count) * featureCount),
                Arrays.copyOfRange(doubleTargets, start * targetWidth, (start + count) * targetWidth),
                someClasses);
    }

    /**
     * One block holding the examples of {@code parts} in order. Empty parts are skipped; the others
     * must have the same widths and precision.
     *
     * @param parts   the parts, in order
     * @param doubles the precision of an empty result
     * @param classes whether an empty result keeps classes
     */
    static Block join(List<Block> parts, boolean doubles, boolean classes) {
        List<Block> full = parts.stream().filter(part -> part.rows > 0).toList();
        if (full.isEmpty()) {
            int[] none = classes ? new int[0] : null;
            return doubles ? new Block(0, 0, 0, new double[0], new double[0], none)
                    : new Block(0, 0, 0, new float[0], new float[0], none);
        }
        if (full.size() == 1) {
            return full.get(0);
        }
        Block first = full.get(0);
        int rows = 0;
        for (Block part : full) {
            if (part.featureCount != first.featureCount || part.targetWidth != first.targetWidth
                    || (part.floatFeatures == null) != (first.floatFeatures == null)) {
                throw new IllegalStateException("blocks of different shapes: " + first.featureCount + "+"
                        + first.targetWidth + " and " + part.featureCount + "+" + part.targetWidth + " values per row");
            }
            rows += part.rows;
        }
        int d = first.featureCount;
        int w = first.targetWidth;
        int[] allClasses = first.classes == null ? null : new int[rows];
        float[] fx = first.floatFeatures == null ? null : new float[rows * d];
        float[] fy = first.floatFeatures == null ? null : new float[rows * w];
        double[] dx = first.floatFeatures == null ? new double[rows * d] : null;
        double[] dy = first.floatFeatures == null ? new double[rows * w] : null;
        int at = 0;
        for (Block part : full) {
            if (fx != null) {
                System.arraycopy(part.floatFeatures, 0, fx, at * d, part.rows * d);
                System.arraycopy(part.floatTargets, 0, fy, at * w, part.rows * w);
            } else {
                System.arraycopy(part.doubleFeatures, 0, dx, at * d, part.rows * d);
                System.arraycopy(part.doubleTargets, 0, dy, at * w, part.rows * w);
            }
            if (allClasses != null) {
                System.arraycopy(part.classes, 0, allClasses, at, part.rows);
            }
            at += part.rows;
        }
        return fx != null ? new Block(rows, d, w, fx, fy, allClasses) : new Block(rows, d, w, dx, dy, allClasses);
    }

    private static void copyRange(int start, int count, INDArray into, int width, float[] floats, double[] doubles) {
        if (floats != null) {
            FlatValues.floats(into).put(0, floats, start * width, count * width);
        } else {
            FlatValues.doubles(into).put(0, doubles, start * width, count * width);
        }
    }
}
