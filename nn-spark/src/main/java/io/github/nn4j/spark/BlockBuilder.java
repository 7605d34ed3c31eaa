package io.github.nn4j.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.OneHot;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Collects one partition's examples row by row into growing primitive arrays of the model's
 * precision, checks them (finite values, one feature count), and prepares the labels as
 * {@code Trainer} does: class indices become one-hot rows for a classifier, and every example's
 * class is kept for accuracy.
 */
final class BlockBuilder {

    private final BlockFormat format;
    private final int partition;
    private float[] floats = new float[0];
    private double[] doubles = new double[0];
    private double[] labels = new double[0];
    private int featureCount = -1;
    private int labelWidth = -1;
    private int rows;

    BlockBuilder(BlockFormat format, int partition) {
        this.format = format;
        this.partition = partition;
    }

    /** Adds an example given in floats. */
    void add(float[] features, float[] label) {
        begin(features.length, label.length);
        addFeatures(features.length, i -> features[i]);
        addLabel(label.length, i -> label[i]);
    }

    /** Adds an example given in doubles (rounded to float for a FLOAT model, as {@code castTo} does). */
    void add(double[] features, double[] label) {
        begin(features.length, label.length);
        addFeatures(features.length, i -> features[i]);
        addLabel(label.length, i -> label[i]);
    }

    /** The block of every example added. */
    Block build() {
        if (rows == 0) {
            int[] none = format.kind.hasClasses() ? new int[0] : null;
            return format.doublePrecision ? new Block(0, 0, 0, new double[0], new double[0], none)
                    : new Block(0, 0, 0, new float[0], new float[0], none);
        }
        INDArray labelRows = Nd4j.create(Arrays.copyOf(labels, rows * labelWidth), new long[] {rows, labelWidth}, 'c')
                .castTo(format.dataType());
        INDArray targets = labelRows;
        int[] classes = null;
        switch (format.kind) {
            case CLASS_SCORES -> {
                requireClassIndices();
                try {
                    classes = OneHot.classesOf(labelRows, format.outputs);
                } catch (IllegalArgumentException e) {
                    throw problem("the labels do not fit the model's " + format.outputs + " outputs: "
                            + e.getMessage());
                }
                if (labelWidth == 1) {
                    targets = OneHot.encode(classes, format.outputs).castTo(format.dataType());
                }
            }
            case BINARY_LOGIT, BINARY_PROBABILITY -> classes = OneHot.binaryClasses(labelRows);
            case OTHER -> { }
        }
        int width = (int) targets.columns();
        if (format.outputs > 0 && width != format.outputs) {
            throw problem("labels of " + width + " values do not fit the model's " + format.outputs + " outputs");
        }
        return format.doublePrecision
                ? new Block(rows, featureCount, width, Arrays.copyOf(doubles, rows * featureCount),
                        JavaArrays.toDoubles(targets), classes)
                : new Block(rows, featureCount, width, Arrays.copyOf(floats, rows * featureCount),
                        JavaArrays.toFloats(targets), classes);
    }

    private void begin(int features, int labelLength) {
        if (featureCount < 0) {
            if (!format.acceptsFeatures(features)) {
                throw problem("the model takes " + format.inputs + " features, an example has " + features);
            }
            featureCount = features;
            labelWidth = labelLength;
        } else if (features != featureCount || labelLength != labelWidth) {
            throw problem("every example needs " + featureCount + " features and a label of " + labelWidth
                    + " values, got " + features + " and " + labelLength);
        }
        long need = (long) (rows + 1) * featureCount;
        if (need > Integer.MAX_VALUE - 8) {
            throw problem("more than " + Integer.MAX_VALUE + " feature values in one partition; use more partitions");
        }
        if (format.doublePrecision && need > doubles.length) {
            doubles = Arrays.copyOf(doubles, grown(need, doubles.length));
        } else if (!format.doublePrecision && need > floats.length) {
            floats = Arrays.copyOf(floats, grown(need, floats.length));
        }
        if ((rows + 1) * labelWidth > labels.length) {
            labels = Arrays.copyOf(labels, Math.max((rows + 1) * labelWidth, 2 * labels.length));
        }
    }

    /** A new capacity of at least {@code need}: double the old one, within an array's limit. */
    private static int grown(long need, int capacity) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * capacity));
    }

    /** Stores the current row's features; a float given as a double comes back unchanged by the cast. */
    private void addFeatures(int length, IntToDoubleFunction value) {
        int at = rows * featureCount;
        for (int i = 0; i < length; i++) {
            double feature = value.applyAsDouble(i);
            requireFinite(feature, "feature");
            if (format.doublePrecision) {
                doubles[at + i] = feature;
            } else {
                floats[at + i] = (float) feature;
            }
        }
    }

    private void addLabel(int length, IntToDoubleFunction value) {
        for (int i = 0; i < length; i++) {
            double label = value.applyAsDouble(i);
            requireFinite(label, "label");
            labels[rows * labelWidth + i] = label;
        }
        rows++;
    }

    private void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw problem("example " + rows + " has a " + what + " of " + value);
        }
    }

    /** Class indices must be whole numbers below the output count; names the first bad example, not its value. */
    private void requireClassIndices() {
        if (labelWidth != 1) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            double label = labels[i];
            if (label != Math.rint(label) || label < 0 || label >= format.outputs) {
                throw problem("the labels do not fit the model's " + format.outputs + " outputs: example " + i
                        + "'s label is not a class index in [0, " + (format.outputs - 1) + "]");
            }
        }
    }

    /**
     * The exception for an example that cannot be read, naming the partition and the example (its
     * place in the partition, from 0) with {@code text}, which must not hold the example's values.
     */
    IllegalArgumentException badExample(String text) {
        return problem("example " + rows + ": " + text);
    }

    private IllegalArgumentException problem(String text) {
        return new IllegalArgumentException("partition " + partition + ": " + text);
    }
}
