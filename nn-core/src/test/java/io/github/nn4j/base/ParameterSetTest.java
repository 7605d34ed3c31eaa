package io.github.nn4j.base;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ParameterSetTest {

    @Test
    void buffersAreVectorsOfOneLengthAndType() {
        assertDoesNotThrow(() -> new ParameterSet(Nd4j.zeros(DataType.FLOAT, 6), Nd4j.zeros(DataType.FLOAT, 6), List.of()));
        assertDoesNotThrow(() -> new ParameterSet(Nd4j.zeros(DataType.DOUBLE, 12).get(NDArrayIndex.interval(0, 2, 12)),
                Nd4j.zeros(DataType.DOUBLE, 6), List.of()));
        IllegalArgumentException matrix = assertThrows(IllegalArgumentException.class, () -> new ParameterSet(
                Nd4j.zeros(DataType.FLOAT, 4, 3).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)),
                Nd4j.zeros(DataType.FLOAT, 8), List.of()));
        assertEquals("a ParameterSet needs values and gradients as vectors (rank 1) of one length and data type, "
                + "got FLOAT [4, 2] and FLOAT [8]", matrix.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterSet(Nd4j.zeros(DataType.FLOAT, 6), Nd4j.zeros(DataType.FLOAT, 5), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterSet(Nd4j.zeros(DataType.FLOAT, 6), Nd4j.zeros(DataType.DOUBLE, 6), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ParameterSet(null, null, List.of()));
    }
}
