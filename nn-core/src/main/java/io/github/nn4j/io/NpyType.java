package io.github.nn4j.io;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/** The NumPy data types nn4j reads and writes, with their {@code descr} strings and ND4J types. */
enum NpyType {
    FLOAT32("<f4", DataType.FLOAT, 4),
    FLOAT64("<f8", DataType.DOUBLE, 8),
    INT32("<i4", DataType.INT, 4),
    INT64("<i8", DataType.LONG, 8),
    INT8("|i1", DataType.BYTE, 1),
    UINT8("|u1", DataType.UBYTE, 1);

    final String descr;
    final DataType dataType;
    final int itemSize;

    NpyType(String descr, DataType dataType, int itemSize) {
        this.descr = descr;
        this.dataType = dataType;
        this.itemSize = itemSize;
    }

    /** The type written for an ND4J data type, or {@code null} if there is none. */
    static NpyType of(DataType dataType) {
        for (NpyType type : values()) {
            if (type.dataType == dataType) {
                return type;
            }
        }
        return null;
    }

    /** The type read for a {@code descr} string, or {@code null} if nn4j does not read it. */
    static NpyType of(String descr) {
        for (NpyType type : values()) {
            if (type.descr.equals(descr)) {
                return type;
            }
        }
        return null;
    }

    /** The supported descr strings, for error messages. */
    static String supported() {
        return Arrays.stream(values()).map(t -> "'" + t.descr + "' (" + t.dataType + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Puts the first {@code n} bytes of {@code chunk}, whole items of this type, in little-endian
     * order: on a big-endian machine it reverses the bytes of each item (a swap that is its own
     * inverse, so it also turns file bytes into native ones); on a little-endian one it does nothing.
     */
    void toLittleEndian(byte[] chunk, int n) {
        if (itemSize == 1 || ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return;
        }
        for (int item = 0; item < n; item += itemSize) {
            for (int i = 0, j = itemSize - 1; i < j; i++, j--) {
                byte swap = chunk[item + i];
                chunk[item + i] = chunk[item + j];
                chunk[item + j] = swap;
            }
        }
    }
}
