package io.github.nn4j.io;

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
}
