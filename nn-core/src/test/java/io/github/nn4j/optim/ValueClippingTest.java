package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.base.ParameterSet;
import org.junit.jupiter.api.Test;

class ValueClippingTest {

    @Test
    void clampsEveryEntryToTheLimit() {
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[] {3, -0.2, 0.5, -4});
        double before = GradientClipping.byValue(0.5).clip(parameters);
        assertEquals(Math.sqrt(9 + 0.04 + 0.25 + 16), before, 1e-12);
        assertArrayEquals(new double[] {0.5, -0.2, 0.5, -0.5}, parameters.gradients().toDoubleVector(), 1e-15);
    }

    @Test
    void nonPositiveLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ValueClipping(-1));
    }
}
