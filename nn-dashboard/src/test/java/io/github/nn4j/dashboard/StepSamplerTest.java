package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepSamplerTest {

    private static final long MS = 1_000_000L;

    @Test
    void placesTheNextSampleSoThatItsCostStaysWithinTheBudget() {
        StepSampler sampler = new StepSampler(0.01, 0, 0);
        sampler.start(0, 1);
        assertTrue(sampler.isSample(1));
        assertFalse(sampler.isSample(2));
        // step 1 took 3 ms of training; measuring it cost 0.9 ms → next sample 0.9 / (0.01 · 3) = 30 steps on
        sampler.charge(900_000);
        sampler.sampled(1, 3 * MS + 900_000, 900_000);
        assertEquals(30, sampler.interval());
        assertTrue(sampler.isSample(31));
        assertEquals(900_000.0 / (3 * MS + 900_000), sampler.overhead(3 * MS + 900_000), 1e-12);
    }

    @Test
    void tinyStepsAreSampledNoMoreOftenThanTheLeastGap() {
        StepSampler sampler = new StepSampler(0.01, 100 * MS, 0);
        sampler.start(0, 1);
        sampler.charge(1_000);
        sampler.sampled(1, 51_000, 1_000);                     // a 50 µs step, a 1 µs sample
        assertEquals(2_000, sampler.interval());               // 100 ms / 50 µs
    }

    @Test
    void aFixedIntervalWinsAndAResumedRunStartsAtItsFirstStep() {
        StepSampler sampler = new StepSampler(0.01, 100 * MS, 7);
        sampler.start(0, 301);
        assertTrue(sampler.isSample(301));
        sampler.sampled(301, MS, 10 * MS);
        assertEquals(308, sampler.next());
    }
}
