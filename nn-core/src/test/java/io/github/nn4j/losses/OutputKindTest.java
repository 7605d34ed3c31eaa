package io.github.nn4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

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

    @Test
    void countCorrectComparesEachRowsPredictionWithItsActualClass() {
        // Rows predict 1 (first of a tie), 1, 0 and 2; actual classes 1, 0, 0, 2 → 3 correct.
        float[][] scores = {{0.2f, 0.7f, 0.7f}, {-0.5f, 0.5f, 0f}, {3, 1, 2}, {0, 0, 1}};
        int[] actual = {1, 0, 0, 2};
        assertEquals(3, OutputKind.CLASS_SCORES.countCorrect(Nd4j.create(scores), r -> actual[r]));
        // A view of rows 2 and 3, with the actual classes looked up from row 2 on: both correct.
        assertEquals(2, OutputKind.CLASS_SCORES.countCorrect(Nd4j.create(scores).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)), r -> actual[2 + r]));
        // Logits 0.3, -2, 0 predict 1, 0, 0; actual 1, 1, 0 → 2 correct.
        assertEquals(2, OutputKind.BINARY_LOGIT.countCorrect(Nd4j.create(new float[][] {{0.3f}, {-2}, {0}}),
                r -> new int[] {1, 1, 0}[r]));
        assertThrows(IllegalStateException.class,
                () -> OutputKind.OTHER.countCorrect(Nd4j.create(new float[][] {{1}}), r -> 0));
    }
}
