package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.optim.LearningRateSchedule.Unit;
import org.junit.jupiter.api.Test;

class StepDecayTest {

    @Test
    void dropsByGammaEveryFewEpochs() {
        LearningRateSchedule schedule = LearningRateSchedule.stepDecay(0.1, 30, 0.5);
        // initial·gamma^⌊e/30⌋
        assertEquals(0.1, schedule.learningRate(0, 500), 1e-15);
        assertEquals(0.1, schedule.learningRate(29, 500), 1e-15);
        assertEquals(0.05, schedule.learningRate(30, 0), 1e-15);
        assertEquals(0.025, schedule.learningRate(60, 0), 1e-15);
        assertEquals(0.1 * Math.pow(0.5, 3), schedule.learningRate(95, 0), 1e-15);
    }

    @Test
    void canCountSteps() {
        StepDecay schedule = new StepDecay(1.0, 100, 0.1, Unit.STEP);
        assertEquals(1.0, schedule.learningRate(7, 99), 1e-15);
        assertEquals(0.1, schedule.learningRate(0, 100), 1e-15);
        assertEquals(0.01, schedule.learningRate(0, 250), 1e-15);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0.1, 10, 1.5));
    }
}
