package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConstantRateTest {

    @Test
    void rateNeverChanges() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(0.05);
        assertEquals(0.05, schedule.learningRate(0, 0));
        assertEquals(0.05, schedule.learningRate(99, 123_456));
    }

    @Test
    void nonPositiveRateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ConstantRate(0));
    }
}
