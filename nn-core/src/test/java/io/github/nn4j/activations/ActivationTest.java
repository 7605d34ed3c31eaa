package io.github.nn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void scalarValuesMatchHandComputedPoints() {
        assertEquals(0.5, Activation.sigmoid().value(0), 0);
        assertEquals(0.25, Activation.sigmoid().derivative(0), 0);
        assertEquals(0.0, Activation.tanh().value(0), 0);
        assertEquals(1.0, Activation.tanh().derivative(0), 0);
        assertEquals(Math.log(2), Activation.softplus().value(0), 1e-15);
        assertEquals(-0.03, Activation.leakyRelu(0.01).value(-3), 1e-15);
        assertEquals(1 - Math.exp(-1), -Activation.elu(1).value(-1), 1e-15);
        assertEquals(1.0, Activation.step().value(0), 0);
        assertEquals(-1.0, Activation.sign().value(-0.1), 0);
    }

    @Test
    void scalarDerivativesMatchCentralDifferences() {
        List<Activation> smooth = List.of(Activation.sigmoid(), Activation.tanh(), Activation.softplus(),
                Activation.relu(), Activation.leakyRelu(0.1), Activation.elu(1.0), Activation.identity());
        double h = 1e-6;
        for (Activation f : smooth) {
            for (double x : new double[] {-3, -0.7, 0.4, 2.5}) {
                double numeric = (f.value(x + h) - f.value(x - h)) / (2 * h);
                assertEquals(numeric, f.derivative(x), 1e-8, f.name() + " at " + x);
            }
        }
    }

    @Test
    void sigmoidAndSoftplusDoNotOverflowForHugeInputs() {
        assertEquals(0.0, Activation.sigmoid().value(-1000), 0);
        assertEquals(1.0, Activation.sigmoid().value(1000), 0);
        assertEquals(1000.0, Activation.softplus().value(1000), 0);
        assertEquals(0.0, Activation.softplus().value(-1000), 1e-300);
    }

    @Test
    void saturationShrinksTheSigmoidGradient() {
        assertEquals(4.54e-5, Activation.sigmoid().derivative(10), 1e-7);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Activation.elu(0));
    }
}
