package io.github.nn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The examples in the class documentation of the {@code activations} package, run as written; each
 * test names the file and lines it checks.
 */
class ActivationsDocExamplesTest {

    @Test
    void sigmoidIsOneHalfAtZeroWithSlopeOneQuarter() {
        // Activation.java:15-17
        Activation sigmoid = Activation.sigmoid();
        assertEquals(0.5, sigmoid.value(0.0));
        assertEquals(0.25, sigmoid.derivative(0.0));
    }
}
