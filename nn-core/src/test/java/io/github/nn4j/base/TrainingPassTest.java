package io.github.nn4j.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingPassTest {

    @Test
    void aPassOfAWholeBatchHasItsNumberAndNoPositions() {
        TrainingPass pass = TrainingPass.of(3);
        assertEquals(3, pass.number());
        assertNull(pass.rowPositions());
        assertEquals("TrainingPass(3)", pass.toString());
    }

    @Test
    void thePositionsAreCopiedInAndOut() {
        int[] positions = {7, 2, 5};
        TrainingPass pass = TrainingPass.of(3, positions);
        positions[0] = 0;
        pass.rowPositions()[1] = 0;
        assertArrayEquals(new int[] {7, 2, 5}, pass.rowPositions());
        assertEquals("TrainingPass(3, rows at [7, 2, 5])", pass.toString());
    }

    @Test
    void negativeNumbersOrPositionsAndMissingPositionsAreRejected() {
        assertEquals("a training pass is numbered from 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> TrainingPass.of(-1)).getMessage());
        assertEquals("row positions are counted from 0, got -2",
                assertThrows(IllegalArgumentException.class, () -> TrainingPass.of(0, new int[] {1, -2})).getMessage());
        assertEquals("pass 4 needs row positions, got null",
                assertThrows(IllegalArgumentException.class, () -> TrainingPass.of(4, null)).getMessage());
    }
}
