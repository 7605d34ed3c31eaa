package io.github.nn4j.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Formats and checks array shapes for error messages that name the problem.
 */
public final class Shapes {

    private Shapes() {
    }

    /**
     * Formats an array's shape as {@code [32, 784]}.
     *
     * @param array any array, may be {@code null}
     * @return the shape in brackets, or {@code null} for a null array
     */
    public static String of(INDArray array) {
        return array == null ? "null" : Arrays.toString(array.shape());
    }

    /**
     * Checks that {@code array} is a non-empty matrix {@code [batch, columns]}.
     *
     * @param array   the array to check
     * @param columns the required number of columns
     * @param who     what is checking, used as the start of the message, e.g. "Dense(784→256)"
     * @param what    what the array is, e.g. "input"
     * @throws IllegalArgumentException naming both shapes when it does not fit
     */
    public static void requireMatrix(INDArray array, long columns, String who, String what) {
        if (array == null) {
            throw new IllegalArgumentException(who + ": " + what + " is null");
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException(who + " expects " + what + " of shape [batch, " + columns
                    + "], got an array of rank " + array.rank() + " with shape " + of(array));
        }
        if (array.rows() == 0) {
            throw new IllegalArgumentException(who + ": " + what + " is an empty batch " + of(array));
        }
        if (array.columns() != columns) {
            throw new IllegalArgumentException(who + " expects " + what + " of shape [batch, " + columns
                    + "], got " + of(array));
        }
    }
}
