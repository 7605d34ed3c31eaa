package io.github.nn4j.base;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Copies ND4J arrays into plain Java arrays, and the small loops over such copies that several
 * packages share.
 *
 * <p>The copies hold the array's own values in row-major order, whatever the array is: a view
 * into a larger matrix (a label column {@code all.get(all(), point(1))}), a column-major array,
 * or one of another data type. (Reading {@code array.data()} directly is wrong for a view: the
 * buffer is the whole backing matrix.) An array that owns exactly its values in row-major order
 * is copied in one bulk read, with no native operation.
 *
 * <pre>{@code
 * INDArray matrix = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
 * JavaArrays.toDoubles(matrix.getColumn(1));         // {2, 4}
 * JavaArrays.argmax(new float[] {0, 3, 1, 3}, 0, 4);  // 1
 * }</pre>
 */
public final class JavaArrays {

    private JavaArrays() {
    }

    /**
     * The array's values as doubles, row-major.
     *
     * @param array any array, view or not, any order and numeric data type
     * @return a new Java array of {@code array.length()} values
     */
    public static double[] toDoubles(INDArray array) {
        if (array.isEmpty()) {
            return new double[0];
        }
        return rowMajor(array, DataType.DOUBLE).data().asDouble();
    }

    /**
     * The array's values as floats, row-major.
     *
     * @param array any array, view or not, any order and numeric data type
     * @return a new Java array of {@code array.length()} values
     */
    public static float[] toFloats(INDArray array) {
        if (array.isEmpty()) {
            return new float[0];
        }
        return rowMajor(array, DataType.FLOAT).data().asFloat();
    }

    /**
     * The position of the largest of {@code length} values starting at {@code from}, counted from
     * {@code from}; the first one on ties. Used for a row's predicted class.
     *
     * @param values a row-major matrix, e.g. from {@link #toFloats}
     * @param from   where the row starts
     * @param length the row's length, at least 1
     * @return the index in {@code [0, length)}
     */
    public static int argmax(float[] values, int from, int length) {
        int best = 0;
        for (int c = 1; c < length; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The position of the largest of {@code length} values starting at {@code from}, counted from
     * {@code from}; the first one on ties.
     *
     * @param values a row-major matrix, e.g. from {@link #toDoubles}
     * @param from   where the row starts
     * @param length the row's length, at least 1
     * @return the index in {@code [0, length)}
     */
    public static int argmax(double[] values, int from, int length) {
        int best = 0;
        for (int c = 1; c < length; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The array itself when its buffer is exactly its values, row-major, in {@code type}; else such a copy. */
    private static INDArray rowMajor(INDArray array, DataType type) {
        INDArray typed = array.dataType() == type ? array : array.castTo(type);
        if (ownsRowMajor(typed)) {
            return typed;
        }
        return typed.dup('c');
    }

    private static boolean ownsRowMajor(INDArray array) {
        return array.ordering() == 'c' && !array.isView() && array.offset() == 0
                && array.data().length() == array.length() && Shape.hasDefaultStridesForShape(array);
    }

    /**
     * How far {@code x} is from {@code y}, relative to {@code y}'s size: the largest
     * {@code |x[i] − y[i]|} divided by the largest {@code |y[i]|}. Used to compare two models'
     * parameters, e.g. of a run on a cluster and one on a single machine.
     *
     * @param x the values to measure
     * @param y the reference values, as many
     * @return {@code max |x − y| / max |y|}; NaN when both are all zeros
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double relativeDifference(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " values compared with " + y.length);
        }
        double difference = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            difference = Math.max(difference, Math.abs(x[i] - y[i]));
            scale = Math.max(scale, Math.abs(y[i]));
        }
        return difference / scale;
    }
}
