package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.ParameterSet;
import io.github.nn4j.model.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SgdTest {

    @Test
    void stepMovesEveryParameterAgainstItsGradientByTheLearningRate() {
        Sequential model = new Sequential(new Dense(2, 1)).init(Initializer.zeros(), 0, DataType.DOUBLE);
        ParameterSet p = model.parameterSet();
        p.values().assign(Nd4j.create(new double[] {1.0, -2.0, 0.5}));
        p.gradients().assign(Nd4j.create(new double[] {0.5, -1.0, 4.0}));
        Sgd sgd = new Sgd(0.1);
        sgd.step(p);
        // w − lr·g: 1 − 0.05, −2 + 0.1, 0.5 − 0.4
        assertArrayEquals(new double[] {0.95, -1.9, 0.1}, p.values().toDoubleVector(), 1e-15);
        sgd.step(p);
        assertArrayEquals(new double[] {0.9, -1.8, -0.3}, p.values().toDoubleVector(), 1e-15);
    }

    @Test
    void nonPositiveLearningRateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
    }
}
