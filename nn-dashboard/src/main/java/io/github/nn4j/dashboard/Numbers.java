package io.github.nn4j.dashboard;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the numbers of an array nn4j already holds, in row-major order, without copying it:
 * float and double arrays whose elements lie in one run of memory (the flat parameter and
 * gradient buffers, the layers' output buffers) are read in place through NIO; anything else is
 * copied once. Statistics here read, they never write.
 */
final class Numbers {

    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final double[] copy;
    private final int length;

    private Numbers(FloatBuffer floats, DoubleBuffer doubles, double[] copy, int length) {
        this.floats = floats;
        this.doubles = doubles;
        this.copy = copy;
        this.length = length;
    }

    /**
     * A reader of {@code array}'s numbers.
     *
     * @param array a vector or matrix of at most {@code Integer.MAX_VALUE} numbers
     * @return the reader; element {@code i} is the {@code i}-th in row-major order
     */
    static Numbers of(INDArray array) {
        int length = Math.toIntExact(array.length());
        if (dense(array) && array.dataType() == DataType.FLOAT) {
            return new Numbers(array.data().asNioFloat().position((int) array.offset()).slice(), null, null, length);
        }
        if (dense(array) && array.dataType() == DataType.DOUBLE) {
            return new Numbers(null, array.data().asNioDouble().position((int) array.offset()).slice(), null, length);
        }
        return new Numbers(null, null, array.dup('c').reshape(length).toDoubleVector(), length);
    }

    /** Whether the elements lie in one contiguous run in row-major order. */
    private static boolean dense(INDArray array) {
        if (array.rank() == 1) {
            return array.stride(0) == 1;
        }
        if (array.rank() != 2) {
            return false;
        }
        return (array.columns() == 1 || array.stride(1) == 1) && (array.rows() == 1 || array.stride(0) == array.columns());
    }

    /** The number of elements. */
    int length() {
        return length;
    }

    /** Element {@code i}. */
    double get(int i) {
        if (floats != null) {
            return floats.get(i);
        }
        return doubles != null ? doubles.get(i) : copy[i];
    }

    /**
     * Copies elements {@code [from, from + count)} into {@code into} as floats, the fast path of
     * the statistics' loops.
     */
    void copy(int from, float[] into, int count) {
        if (floats != null) {
            floats.get(from, into, 0, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            into[i] = (float) get(from + i);
        }
    }
}
