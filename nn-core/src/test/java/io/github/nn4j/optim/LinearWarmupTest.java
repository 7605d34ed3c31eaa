package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.optim.LearningRateSchedule.Unit;
import org.junit.jupiter.api.Test;

class LinearWarmupTest {

    @Test
    void rampsUpLinearlyOverTheWarmupSteps() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(0.1).withWarmup(4);
        // 0.1·(s + 1)/4 for s < 4
        assertEquals(0.025, schedule.learningRate(0, 0), 1e-15);
        assertEquals(0.05, schedule.learningRate(0, 1), 1e-15);
        assertEquals(0.1, schedule.learningRate(0, 3), 1e-15);
        assertEquals(0.1, schedule.learningRate(2, 1000), 1e-15);
    }

    @Test
    void scalesTheWrappedScheduleWhichKeepsItsOwnClock() {
        // cosine over 10 epochs, warm-up over 100 steps
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.2, 0.0, 10).withWarmup(100);
        double cosineAtEpoch2 = 0.2 * (1 + Math.cos(Math.PI * 2 / 10)) / 2;
        assertEquals(cosineAtEpoch2 * 50 / 100, schedule.learningRate(2, 49), 1e-15);
        assertEquals(cosineAtEpoch2, schedule.learningRate(2, 100), 1e-15);
    }

    @Test
    void canCountEpochs() {
        LinearWarmup schedule = new LinearWarmup(5, Unit.EPOCH, LearningRateSchedule.constant(1.0));
        assertEquals(0.4, schedule.learningRate(1, 9999), 1e-15);
    }

    @Test
    void zeroLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0.1).withWarmup(0));
    }
}
