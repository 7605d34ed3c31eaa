package io.github.nn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    void softplusOfArraysNeverOverflowsInFloatOrDouble() {
        double[] points = {-1000, -20, -1, 0, 1, 20, 88, 89, 100, 1000, 3e38};
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            INDArray input = Nd4j.create(points, new long[] {1, points.length}, 'c').castTo(type);
            INDArray output = Nd4j.createUninitialized(type, 1, points.length);
            Activation.softplus().forward(input, output);
            for (int i = 0; i < points.length; i++) {
                double expected = Activation.softplus().value(input.getDouble(0, i));
                assertEquals(expected, output.getDouble(0, i), Math.max(1e-8, Math.abs(expected) * 1e-6),
                        type + " softplus(" + points[i] + ")");
            }
        }
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
