package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.optim.LearningRateSchedule.Unit;
import org.junit.jupiter.api.Test;

class ExponentialDecayTest {

    @Test
    void shrinksByGammaEveryEpoch() {
        LearningRateSchedule schedule = LearningRateSchedule.exponential(0.2, 0.9);
        // initial·gamma^e
        assertEquals(0.2, schedule.learningRate(0, 77), 1e-15);
        assertEquals(0.18, schedule.learningRate(1, 0), 1e-15);
        assertEquals(0.2 * 0.9 * 0.9 * 0.9, schedule.learningRate(3, 0), 1e-15);
        assertEquals(0.2 * Math.pow(0.9, 50), schedule.learningRate(50, 0), 1e-15);
    }

    @Test
    void canCountSteps() {
        ExponentialDecay schedule = new ExponentialDecay(1.0, 0.5, Unit.STEP);
        assertEquals(0.125, schedule.learningRate(40, 3), 1e-15);
    }

    @Test
    void gammaAboveOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0.1, 1.1));
    }
}
