package io.github.nn4j.spark;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat vector of a model's precision as raw little-endian bytes, the form in which weights,
 * gradients and optimizer state cross the wire: 4 bytes a value for FLOAT models, 8 for DOUBLE
 * ones, never an {@code INDArray}. One {@code byte[]} is what every serializer moves fastest: Kryo
 * and Java serialization both write and read it as one block, where a {@code float[]} costs Kryo
 * a call per element. Copies in and out of an {@code INDArray} are bulk memory copies, and sums
 * run over the bytes in place.
 *
 * <p>A plain class rather than a record, so that Kryo (which cannot set a record's fields) can
 * serialize it. Broadcast values are shared with the driver in local mode: code that receives
 * one reads it and never writes it.
 */
final class FlatValues implements Serializable {

    private static final long serialVersionUID = 2L;

    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final boolean doubles;

    private FlatValues(byte[] bytes, boolean doubles) {
        this.bytes = bytes;
        this.doubles = doubles;
    }

    /** A copy of {@code vector}'s values, in its data type (DOUBLE, or FLOAT for any other). */
    static FlatValues of(INDArray vector) {
        return of(vector, null);
    }

    /**
     * A copy of {@code vector}'s values as {@link #of(INDArray)} makes it, written over
     * {@code reuse}'s bytes when they have the size: a sender that makes one message per step keeps
     * one buffer, rather than a new array of the model's size every step.
     *
     * @param reuse a previous message that nobody reads any more, or {@code null}
     */
    static FlatValues of(INDArray vector, FlatValues reuse) {
        int n = Math.toIntExact(vector.length());
        boolean isDouble = vector.dataType() == DataType.DOUBLE;
        INDArray source = isDense(vector) && (isDouble || vector.dataType() == DataType.FLOAT) ? vector
                : vector.castTo(isDouble ? DataType.DOUBLE : DataType.FLOAT).dup();
        int size = Math.multiplyExact(n, isDouble ? Double.BYTES : Float.BYTES);
        byte[] bytes = reuse != null && reuse.bytes.length == size ? reuse.bytes : new byte[size];
        if (isDouble) {
            wrap(bytes).asDoubleBuffer().put(doubleRun(source));
        } else {
            wrap(bytes).asFloatBuffer().put(floatRun(source));
        }
        return new FlatValues(bytes, isDouble);
    }

    /** The number of values. */
    int length() {
        return bytes.length / (doubles ? Double.BYTES : Float.BYTES);
    }

    /** Writes these values into {@code vector}, a vector of the same length and precision. */
    void copyInto(INDArray vector) {
        if (vector.length() != length()) {
            throw new IllegalArgumentException("cannot copy " + length() + " values into a vector of "
                    + vector.length());
        }
        boolean dense = isDense(vector);
        if (!doubles && dense && vector.dataType() == DataType.FLOAT) {
            floatRun(vector).put(wrap(bytes).asFloatBuffer());
        } else if (doubles && dense && vector.dataType() == DataType.DOUBLE) {
            doubleRun(vector).put(wrap(bytes).asDoubleBuffer());
        } else {
            vector.assign(toArray());
        }
    }

    /** A new array holding these values. */
    INDArray toArray() {
        if (doubles) {
            double[] values = new double[length()];
            wrap(bytes).asDoubleBuffer().get(values);
            return Nd4j.createFromArray(values);
        }
        float[] values = new float[length()];
        wrap(bytes).asFloatBuffer().get(values);
        return Nd4j.createFromArray(values);
    }

    /** {@code this += scale·other}, in place; returns this. */
    FlatValues addScaled(FlatValues other, double scale) {
        if (other.length() != length() || other.doubles != doubles) {
            throw new IllegalArgumentException("cannot add " + other.length() + " values to " + length());
        }
        byte[] o = other.bytes;
        if (!doubles) {
            float s = (float) scale;
            if (s == 1f) {
                for (int i = 0; i < bytes.length; i += Float.BYTES) {
                    FLOAT.set(bytes, i, (float) FLOAT.get(bytes, i) + (float) FLOAT.get(o, i));
                }
            } else {
                for (int i = 0; i < bytes.length; i += Float.BYTES) {
                    FLOAT.set(bytes, i, (float) FLOAT.get(bytes, i) + s * (float) FLOAT.get(o, i));
                }
            }
        } else {
            for (int i = 0; i < bytes.length; i += Double.BYTES) {
                DOUBLE.set(bytes, i, (double) DOUBLE.get(bytes, i) + scale * (double) DOUBLE.get(o, i));
            }
        }
        return this;
    }

    /** {@code this *= factor}, in place; returns this. */
    FlatValues scale(double factor) {
        if (!doubles) {
            float f = (float) factor;
            for (int i = 0; i < bytes.length; i += Float.BYTES) {
                FLOAT.set(bytes, i, (float) FLOAT.get(bytes, i) * f);
            }
        } else {
            for (int i = 0; i < bytes.length; i += Double.BYTES) {
                DOUBLE.set(bytes, i, (double) DOUBLE.get(bytes, i) * factor);
            }
        }
        return this;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
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

    /** The dense vector's values, exactly. */
    private static FloatBuffer floatRun(INDArray vector) {
        return floats(vector).limit((int) vector.length());
    }

    private static DoubleBuffer doubleRun(INDArray vector) {
        return doubles(vector).limit((int) vector.length());
    }
}
