package io.github.nn4j.io;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the header of a {@code .npy} array declares, read and checked before any of its data:
 * the data type and shape, and how many data bytes follow. A reader compares it with what it
 * expects (and with the bytes that can possibly follow) before it allocates the array.
 *
 * @param dataType     the ND4J data type of the values
 * @param shape        the shape; empty for a scalar
 * @param fortranOrder whether the data is stored column-major
 * @param dataBytes    the number of data bytes the shape and type need
 */
public record ArrayHeader(DataType dataType, long[] shape, boolean fortranOrder, long dataBytes) {

    /** Keeps a copy of the shape. */
    public ArrayHeader {
        shape = shape.clone();
    }

    /** The shape, as a new array. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Whether the header declares exactly this shape and type.
     *
     * @param expectedShape the shape
     * @param expectedType  the data type
     * @return {@code true} when both match
     */
    public boolean declares(long[] expectedShape, DataType expectedType) {
        return Arrays.equals(shape, expectedShape) && dataType == expectedType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayHeader that && dataType == that.dataType && Arrays.equals(shape, that.shape)
                && fortranOrder == that.fortranOrder && dataBytes == that.dataBytes;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dataType.hashCode() + Arrays.hashCode(shape)) + Long.hashCode(dataBytes);
    }

    @Override
    public String toString() {
        return Npy.typeName(dataType) + " " + Arrays.toString(shape);
    }
}
