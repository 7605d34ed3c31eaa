package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.optim.LearningRateSchedule.Unit;
import org.junit.jupiter.api.Test;

class CosineAnnealingTest {

    @Test
    void followsHalfACosineFromInitialToMinimum() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0.001, 10);
        // min + (initial − min)·(1 + cos(π·e/10))/2
        assertEquals(0.1, schedule.learningRate(0, 0), 1e-15);
        assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.3)) / 2, schedule.learningRate(3, 0), 1e-15);
        assertEquals(0.0505, schedule.learningRate(5, 0), 1e-15);              // half way: the mean
        assertEquals(0.001, schedule.learningRate(10, 0), 1e-15);
    }

    @Test
    void staysAtTheMinimumAfterTheEnd() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0.001, 10);
        assertEquals(0.001, schedule.learningRate(25, 0), 1e-15);
    }

    @Test
    void zeroMinimumStaysUsableByOptimizers() {
        CosineAnnealing schedule = new CosineAnnealing(1.0, 0.0, 4, Unit.STEP);
        assertEquals(0.5, schedule.learningRate(0, 2), 1e-15);
        double end = schedule.learningRate(0, 4);
        assertTrue(end > 0 && end < 1e-300, "end rate " + end);
        new Sgd(1.0).setLearningRate(end);
    }

    @Test
    void minimumAboveInitialIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(0.1, 0.2, 10));
        assertTrue(e.getMessage().contains("0.2"), e.getMessage());
    }
}
