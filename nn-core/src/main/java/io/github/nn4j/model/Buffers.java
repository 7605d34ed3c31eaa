package io.github.nn4j.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Helpers for the working arrays that layers and losses keep between training steps, so that
 * the hot path reuses memory instead of allocating a new array per step.
 */
public final class Buffers {

    private Buffers() {
    }

    /**
     * Returns {@code current} if it already is a {@code [rows, columns]} array of {@code type},
     * otherwise a new uninitialized one of that shape.
     *
     * @param current the buffer kept so far, may be {@code null}
     * @param rows    rows needed
     * @param columns columns needed
     * @param type    data type needed
     * @return an array of the requested shape and type; its contents are unspecified when new
     */
    public static INDArray reuse(INDArray current, long rows, long columns, DataType type) {
        if (current != null && current.rows() == rows && current.columns() == columns
                && current.dataType() == type) {
            return current;
        }
        return Nd4j.createUninitialized(type, rows, columns);
    }
}
