package io.github.nn4j.base;

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
     * Checks that a layer's input is a non-empty batch {@code [batch, n]} of any width.
     *
     * @param input   the input
     * @param who     what is checking, e.g. the layer; its {@code toString()} starts the message, and is
     *                only called when the check fails
     * @param columns what the columns are, e.g. {@code "features"} or {@code "classes"}
     * @throws IllegalArgumentException {@code who expects a non-empty [batch, columns] input, got [shape]}
     */
    public static void requireBatch(INDArray input, Object who, String columns) {
        if (input == null || input.rank() != 2 || input.rows() == 0) {
            throw new IllegalArgumentException(who + " expects a non-empty [batch, " + columns + "] input, got "
                    + of(input));
        }
    }

    /**
     * Checks that {@code array} is a non-empty matrix {@code [batch, columns]}.
     *
     * @param array   the array to check
     * @param columns the required number of columns
     * @param who     what is checking, e.g. the layer {@code Dense(784→256)}; its {@code toString()}
     *                starts the message, and is only called when the check fails
     * @param what    what the array is, e.g. "input"
     * @throws IllegalArgumentException naming both shapes when it does not fit
     */
    public static void requireMatrix(INDArray array, long columns, Object who, String what) {
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
