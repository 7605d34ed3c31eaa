package io.github.nn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class StepProfileTest {

    private static final Workload TINY = new Workload("T", List.of(6, 5, 3), 4, "sgd", 0.1);

    /** A clock that moves one microsecond every time it is read. */
    private static LongSupplier tickingClock() {
        long[] now = {0};
        return () -> now[0] += 1_000;
    }

    @Test
    void timesEveryPhaseOncePerTimedStepInTheOrderItRuns() {
        // Each phase reads the clock at its start and end, so it takes one tick per timed step; the
        // warm-up steps are not counted, so the mean is exactly one microsecond.
        StepProfile profile = StepProfile.measure(TINY, 3, tickingClock());
        assertEquals(List.of("Dense(6→5) #0 forward", "ReLU() #1 forward", "Dense(5→3) #2 forward", "loss gradient",
                "Dense(5→3) #2 backward", "ReLU() #1 backward", "Dense(6→5) #0 backward", "optimizer (sgd)"),
                List.copyOf(profile.microsByPhase().keySet()));
        profile.microsByPhase().forEach((phase, micros) -> assertEquals(1.0, micros, 0, phase));
        assertEquals(8.0, profile.stepMicros(), 0);
        assertTrue(profile.toMarkdown().contains("| optimizer (sgd) | 1.0 | 12.5 % |"), profile.toMarkdown());
    }

    @Test
    void countsNoNativeOperationWhenGemmsCallBlasDirectlyAndEverythingElseRunsInJava() {
        // Two dense layers: 5 GEMMs (forward and weight gradient each, input gradient for the second
        // only), each a direct BLAS call since DirectBlas, not an ND4J operation.
        assertEquals(0.0, StepProfile.measure(TINY, 1).nativeOpsPerStep());
        assertEquals(0.0, StepProfile.measure(TINY.withOptimizer("adam", 1e-3), 1).nativeOpsPerStep());
    }

    @Test
    void rejectsZeroSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepProfile.measure(TINY, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
