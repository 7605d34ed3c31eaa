package io.github.nn4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutputKindTest {

    @Test
    void aKindThatDoesNotFitTheOutputCountBecomesOther() {
        assertEquals(OutputKind.CLASS_SCORES, OutputKind.CLASS_SCORES.forOutputs(10));
        assertEquals(OutputKind.OTHER, OutputKind.CLASS_SCORES.forOutputs(1));
        assertEquals(OutputKind.BINARY_LOGIT, OutputKind.BINARY_LOGIT.forOutputs(1));
        assertEquals(OutputKind.OTHER, OutputKind.BINARY_PROBABILITY.forOutputs(3));
        assertFalse(OutputKind.OTHER.hasClasses());
    }

    @Test
    void thePredictedClassFollowsTheKind() {
        float[] rows = {0.2f, 0.7f, 0.7f, -0.5f, 0.5f, 0f};
        assertEquals(1, OutputKind.CLASS_SCORES.predictedClass(rows, 0, 3), "the first of tied maxima");
        assertEquals(1, OutputKind.CLASS_SCORES.predictedClass(rows, 3, 3));
        assertEquals(0, OutputKind.BINARY_LOGIT.predictedClass(rows, 3, 1));
        assertEquals(0, OutputKind.BINARY_LOGIT.predictedClass(rows, 5, 1), "a logit of 0 is class 0");
        assertEquals(1, OutputKind.BINARY_PROBABILITY.predictedClass(rows, 4, 1), "a probability of 0.5 is class 1");
        assertEquals(0, OutputKind.BINARY_PROBABILITY.predictedClass(rows, 0, 1));
        assertThrows(IllegalStateException.class, () -> OutputKind.OTHER.predictedClass(rows, 0, 1));
    }
}
