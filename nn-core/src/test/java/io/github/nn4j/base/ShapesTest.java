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

    @Test
    void requireMatrixNamesWhoOnlyWhenTheCheckFails() {
        int[] described = {0};
        Object who = new Object() {
            @Override
            public String toString() {
                described[0]++;
                return "Dense(3→2)";
            }
        };
        Shapes.requireMatrix(Nd4j.zeros(DataType.FLOAT, 4, 3), 3, who, "input");
        assertEquals(0, described[0], "a passing check builds no message");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.requireMatrix(Nd4j.zeros(DataType.FLOAT, 4, 5), 3, who, "input"));
        assertEquals("Dense(3→2) expects input of shape [batch, 3], got [4, 5]", e.getMessage());
    }
}
