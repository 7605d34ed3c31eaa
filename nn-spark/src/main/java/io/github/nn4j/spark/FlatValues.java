package io.github.nn4j.spark;

import java.io.Serializable;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat vector of a model's precision in a plain Java array, the form in which weights,
 * gradients and optimizer state cross the wire: {@code float[]} for FLOAT models,
 * {@code double[]} for DOUBLE ones, never an {@code INDArray}.
 *
 * <p>A plain class rather than a record, so that Kryo (which cannot set a record's fields) can
 * serialize it. Broadcast values are shared with the driver in local mode: code that receives
 * one reads it and never writes it.
 */
final class FlatValues implements Serializable {

    private static final long serialVersionUID = 1L;

    private float[] floats;
    private double[] doubles;

    private FlatValues(float[] floats, double[] doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    /** A copy of {@code vector}'s values, in its data type (FLOAT or DOUBLE). */
    static FlatValues of(INDArray vector) {
        int n = Math.toIntExact(vector.length());
        if (vector.dataType() == DataType.DOUBLE) {
            double[] values = new double[n];
            if (isDense(vector)) {
                doubles(vector).get(0, values, 0, n);
            } else {
                System.arraycopy(vector.dup().data().asDouble(), 0, values, 0, n);
            }
            return new FlatValues(null, values);
        }
        float[] values = new float[n];
        if (isDense(vector) && vector.dataType() == DataType.FLOAT) {
            floats(vector).get(0, values, 0, n);
        } else {
            System.arraycopy(vector.castTo(DataType.FLOAT).dup().data().asFloat(), 0, values, 0, n);
        }
        return new FlatValues(values, null);
    }

    /** The number of values. */
    int length() {
        return floats != null ? floats.length : doubles.length;
    }

    /** Writes these values into {@code vector}, a vector of the same length and precision. */
    void copyInto(INDArray vector) {
        if (vector.length() != length()) {
            throw new IllegalArgumentException("cannot copy " + length() + " values into a vector of "
                    + vector.length());
        }
        boolean dense = isDense(vector);
        if (floats != null && dense && vector.dataType() == DataType.FLOAT) {
            floats(vector).put(0, floats, 0, floats.length);
        } else if (doubles != null && dense && vector.dataType() == DataType.DOUBLE) {
            doubles(vector).put(0, doubles, 0, doubles.length);
        } else {
            vector.assign(floats != null ? Nd4j.createFromArray(floats) : Nd4j.createFromArray(doubles));
        }
    }

    /** A new array holding these values. */
    INDArray toArray() {
        return floats != null ? Nd4j.createFromArray(floats.clone()) : Nd4j.createFromArray(doubles.clone());
    }

    /** {@code this += scale·other}, in place; returns this. */
    FlatValues addScaled(FlatValues other, double scale) {
        if (other.length() != length()) {
            throw new IllegalArgumentException("cannot add " + other.length() + " values to " + length());
        }
        if (floats != null) {
            float s = (float) scale;
            float[] o = other.floats;
            if (s == 1f) {
                for (int i = 0; i < floats.length; i++) {
                    floats[i] += o[i];
                }
            } else {
                for (int i = 0; i < floats.length; i++) {
                    floats[i] += s * o[i];
                }
            }
        } else {
            double[] o = other.doubles;
            for (int i = 0; i < doubles.length; i++) {
                doubles[i] += scale * o[i];
            }
        }
        return this;
    }

    /** {@code this *= factor}, in place; returns this. */
    FlatValues scale(double factor) {
        if (floats != null) {
            float f = (float) factor;
            for (int i = 0; i < floats.length; i++) {
                floats[i] *= f;
            }
        } else {
            for (int i = 0; i < doubles.length; i++) {
                doubles[i] *= factor;
            }
        }
        return this;
    }

    /** Whether the vector's elements lie in one run of its buffer, element i at offset + i. */
    static boolean isDense(INDArray array) {
        return array.length() <= Integer.MAX_VALUE && (array.rank() == 1 ? array.stride(0) == 1
                : array.rank() == 2 && (array.rows() == 1 || array.stride(0) == array.columns())
                        && (array.columns() == 1 || array.stride(1) == 1));
    }

    static FloatBuffer floats(INDArray array) {
        return array.data().asNioFloat().position((int) array.offset()).slice();
    }

    static DoubleBuffer doubles(INDArray array) {
        return array.data().asNioDouble().position((int) array.offset()).slice();
    }
}
