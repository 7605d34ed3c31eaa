package io.github.nn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
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

    @Test
    void builtInNamesParseAndSymbols() {
        // BuiltInActivation.java:14-16
        assertEquals("leaky_relu(0.01)", BuiltInActivation.LEAKY_RELU.create(0.01).name());
        assertEquals(Optional.of("elu(1.0)"), BuiltInActivation.parse("elu(1.0)").map(Activation::name));
        assertEquals("Optional[elu(1.0)]", BuiltInActivation.parse("elu(1.0)").map(Activation::name).toString());
        assertEquals("σ", Activation.sigmoid().symbol());
    }
}
