package io.github.nn4j.base;

import java.util.Arrays;

/**
 * The declaration of one parameter by a layer: its local name, shape, kind and the fan-in and
 * fan-out an initializer needs.
 *
 * @param name    the local name inside the layer, such as {@code "W"} or {@code "b"}
 * @param rows    number of rows of the parameter matrix
 * @param columns number of columns of the parameter matrix
 * @param kind    weight or bias
 * @param fanIn   inputs feeding each unit (used by Xavier and He initialization)
 * @param fanOut  units fed by each input (used by Xavier initialization)
 */
public record ParameterSpec(String name, int rows, int columns, ParameterKind kind, int fanIn, int fanOut) {

    /** Checks that the shape is positive. */
    public ParameterSpec {
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("parameter " + name + " needs a positive shape, got ["
                    + rows + ", " + columns + "]");
        }
    }

    /** Number of scalar values in this parameter. */
    public long length() {
        return (long) rows * columns;
    }

    /** The shape as {@code [rows, columns]}. */
    public long[] shape() {
        return new long[] {rows, columns};
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape());
    }
}
