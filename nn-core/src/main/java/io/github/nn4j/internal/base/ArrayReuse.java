package io.github.nn4j.internal.base;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The rule by which a kept array serves a new shape: itself, a view of its first rows, or, when
 * it is too small or of another width or type, a new array. {@code Buffers.reuse} (the layers'
 * buffers) and {@link InferenceScratch} (an inference pass's arrays) both follow it.
 */
public final class ArrayReuse {

    private ArrayReuse() {
    }

    /**
     * A {@code [rows, columns]} array of {@code type} on the memory of {@code current} where it is
     * large enough, otherwise a new one.
     *
     * @param current the array kept so far (one this method returned), may be {@code null}
     * @param rows    rows needed
     * @param columns columns needed
     * @param type    data type needed
     * @return an array of the requested shape and type; its contents are unspecified
     */
    public static INDArray reuse(INDArray current, long rows, long columns, DataType type) {
        if (current != null && current.columns() == columns && current.dataType() == type) {
            if (current.rows() == rows) {
                return current;
            }
            // Every array this method returns starts at offset 0 of its buffer, rows packed.
            if (current.data().length() >= rows * columns) {
                return Nd4j.create(current.data(), new long[] {rows, columns}, new long[] {columns, 1}, 0L, 'c',
                        type);
            }
        }
        return Nd4j.createUninitialized(type, rows, columns);
    }
}
