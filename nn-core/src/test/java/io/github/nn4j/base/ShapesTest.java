package io.github.nn4j.base;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ShapesTest {

    @Test
    void requireBatchAcceptsAnyWidthAndNamesWhoAndShapeOtherwise() {
        assertDoesNotThrow(() -> Shapes.requireBatch(Nd4j.zeros(DataType.FLOAT, 2, 7), "ReLU()", "features"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Shapes.requireBatch(Nd4j.zeros(DataType.FLOAT, 0, 3), "Softmax()", "classes"));
        assertEquals("Softmax() expects a non-empty [batch, classes] input, got [0, 3]", empty.getMessage());
        IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
                () -> Shapes.requireBatch(Nd4j.zeros(DataType.FLOAT, 4), "ReLU()", "features"));
        assertEquals("ReLU() expects a non-empty [batch, features] input, got [4]", vector.getMessage());
    }
}
