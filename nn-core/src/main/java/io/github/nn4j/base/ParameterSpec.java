package io.github.nn4j.base;

import java.util.Arrays;

/**
 * The declaration of one parameter by a layer: its local name, shape, kind, the fan-in and
 * fan-out an initializer needs, and the value it starts at when no initializer draws it.
 *
 * @param name         the local name inside the layer, such as {@code "W"} or {@code "b"}
 * @param rows         number of rows of the parameter matrix
 * @param columns      number of columns of the parameter matrix
 * @param kind         weight, bias, scale or state
 * @param fanIn        inputs feeding each unit (used by Xavier and He initialization)
 * @param fanOut       units fed by each input (used by Xavier initialization)
 * @param initialValue the value every entry starts at, for every kind but {@link ParameterKind#WEIGHT}
 *                     (whose values the model's initializer draws)
 */
public record ParameterSpec(String name, int rows, int columns, ParameterKind kind, int fanIn, int fanOut,
        double initialValue) {

    /** Checks that the shape is positive and the initial value finite. */
    public ParameterSpec {
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("parameter " + name + " needs a positive shape, got ["
                    + rows + ", " + columns + "]");
        }
        if (kind == null || !Double.isFinite(initialValue)) {
            throw new IllegalArgumentException("parameter " + name + " needs a kind and a finite initial value, got "
                    + kind + " and " + initialValue);
        }
    }

    /**
     * A declaration that starts at the kind's usual value: 1 for {@link ParameterKind#SCALE}, else 0.
     *
     * @param name    the local name
     * @param rows    number of rows
     * @param columns number of columns
     * @param kind    weight, bias, scale or state
     * @param fanIn   inputs feeding each unit
     * @param fanOut  units fed by each input
     */
    public ParameterSpec(String name, int rows, int columns, ParameterKind kind, int fanIn, int fanOut) {
        this(name, rows, columns, kind, fanIn, fanOut, kind == ParameterKind.SCALE ? 1.0 : 0.0);
    }

    /**
     * A row of state that a layer updates itself, {@code [1, columns]}, e.g. a running mean.
     *
     * @param name         the local name, e.g. {@code running_mean}
     * @param columns      its length
     * @param initialValue the value it starts at
     * @return the declaration, of kind {@link ParameterKind#STATE}
     */
    public static ParameterSpec state(String name, int columns, double initialValue) {
        return new ParameterSpec(name, 1, columns, ParameterKind.STATE, columns, columns, initialValue);
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
