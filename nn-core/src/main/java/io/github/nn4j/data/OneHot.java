package io.github.nn4j.data;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-hot encoding: class index c of k classes becomes the row {@code [0, …, 0, 1, 0, …, 0]}
 * of length k with the 1 at position c; and back, the class of every label: the one place where
 * labels become class indices.
 *
 * <pre>{@code
 * INDArray rows = OneHot.encode(Nd4j.createFromArray(2, 0), 3);   // [[0, 0, 1], [1, 0, 0]]
 * int[] back = OneHot.argmaxPerRow(rows);                         // {2, 0}
 * }</pre>
 */
public final class OneHot {

    private OneHot() {
    }

    /**
     * Encodes class indices as one-hot rows.
     *
     * @param indices class indices {@code [n]} or {@code [n, 1]}, whole numbers in {@code [0, classes)}
     * @param classes the number of classes k, at least 1
     * @return a new FLOAT array {@code [n, classes]}
     * @throws IllegalArgumentException naming the row and value of the first bad label
     */
    public static INDArray encode(INDArray indices, int classes) {
        if (indices == null || indices.length() == 0
                || (indices.rank() == 2 && indices.columns() != 1) || indices.rank() > 2) {
            throw new IllegalArgumentException("one-hot encoding needs class indices of shape [n] or [n, 1], got "
                    + Shapes.of(indices));
        }
        return encode(readIndices(indices, classes), classes);
    }

    /**
     * Encodes class indices as one-hot rows.
     *
     * @param indices class indices in {@code [0, classes)}
     * @param classes the number of classes k, at least 1
     * @return a new FLOAT array {@code [indices.length, classes]}
     * @throws IllegalArgumentException naming the row and value of the first bad label
     */
    public static INDArray encode(int[] indices, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("one-hot encoding needs at least 1 class, got " + classes);
        }
        float[] rows = new float[Math.multiplyExact(indices.length, classes)];
        for (int i = 0; i < indices.length; i++) {
            rows[i * classes + classIndex(indices[i], i, classes)] = 1f;
        }
        return Nd4j.create(rows, new long[] {indices.length, classes}, 'c');
    }

    /**
     * Reads class indices from a column of whole numbers, checking each.
     *
     * @param indices {@code [n]} or {@code [n, 1]}
     * @param classes the number of classes; every index must lie in {@code [0, classes)}
     * @return the indices as ints
     * @throws IllegalArgumentException naming the row and value of the first bad label
     */
    public static int[] readIndices(INDArray indices, int classes) {
        double[] values = JavaArrays.toDoubles(indices);
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = classIndex(values[i], i, classes);
        }
        return result;
    }

    /**
     * The class of every row of a label matrix: the position of the row's largest value (the
     * first one on ties), so one-hot rows give back their index.
     *
     * @param rows {@code [n, k]} one-hot or probability rows
     * @return n class indices
     */
    public static int[] argmaxPerRow(INDArray rows) {
        if (rows == null || rows.rank() != 2) {
            throw new IllegalArgumentException("expected label rows [n, classes], got " + Shapes.of(rows));
        }
        int n = (int) rows.rows();
        int k = (int) rows.columns();
        double[] values = JavaArrays.toDoubles(rows);
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            result[i] = JavaArrays.argmax(values, i * k, k);
        }
        return result;
    }

    /**
     * The class of every example, from labels in either form: class indices {@code [n]} /
     * {@code [n, 1]}, each checked to lie in {@code [0, classes)}, or label rows
     * {@code [n, classes]}, each giving the position of its largest value (the first on ties).
     *
     * @param labels  class indices or label rows
     * @param classes the number of classes
     * @return n class indices
     * @throws IllegalArgumentException naming the first bad label, or the shapes when label rows
     *                                  do not have {@code classes} columns
     */
    public static int[] classesOf(INDArray labels, int classes) {
        if (labels == null || labels.rank() == 0 || labels.rank() > 2) {
            throw new IllegalArgumentException("expected class indices [n] or label rows [n, " + classes + "], got "
                    + Shapes.of(labels));
        }
        if (labels.rank() == 1 || labels.columns() == 1) {
            return readIndices(labels, classes);
        }
        if (labels.columns() != classes) {
            throw new IllegalArgumentException("label rows " + Shapes.of(labels) + " do not fit " + classes
                    + " classes; give class indices [n] or one-hot rows [n, " + classes + "]");
        }
        return argmaxPerRow(labels);
    }

    /**
     * The class of every example of a binary task: 1 where the label is at least 0.5, else 0, so
     * labels may be 0/1 or probabilities of class 1.
     *
     * @param labels {@code [n]} or {@code [n, 1]}
     * @return n classes, each 0 or 1
     */
    public static int[] binaryClasses(INDArray labels) {
        double[] values = JavaArrays.toDoubles(labels);
        int[] classes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            classes[i] = values[i] >= 0.5 ? 1 : 0;
        }
        return classes;
    }

    /**
     * Whether every row holds exactly one 1 and otherwise zeros.
     *
     * @param rows {@code [n, k]}
     * @return {@code true} for one-hot rows
     */
    public static boolean isOneHot(INDArray rows) {
        if (rows == null || rows.rank() != 2) {
            return false;
        }
        int k = (int) rows.columns();
        double[] values = JavaArrays.toDoubles(rows);
        for (int i = 0; i < values.length; i += k) {
            int ones = 0;
            for (int c = 0; c < k; c++) {
                double value = values[i + c];
                if (value == 1) {
                    ones++;
                } else if (value != 0) {
                    return false;
                }
            }
            if (ones != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks one label: a whole number in {@code [0, classes)}.
     *
     * @param label   the label
     * @param row     its row, for the message
     * @param classes the number of classes
     * @return the label as an int
     * @throws IllegalArgumentException {@code label 2.0 at row 0 is not a class index in [0, 1]}
     */
    public static int classIndex(double label, long row, long classes) {
        if (label != Math.rint(label) || label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " at row " + row
                    + " is not a class index in [0, " + (classes - 1) + "]");
        }
        return (int) label;
    }
}
