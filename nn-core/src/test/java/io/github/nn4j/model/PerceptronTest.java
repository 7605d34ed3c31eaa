package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PerceptronTest {

    private static DataSet truthTable(float... outputs) {
        return new DataSet(Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                Nd4j.create(new float[][] {{outputs[0]}, {outputs[1]}, {outputs[2]}, {outputs[3]}}));
    }

    @Test
    void learnsAndAndOr() {
        for (DataSet data : new DataSet[] {truthTable(0, 0, 0, 1), truthTable(0, 1, 1, 1)}) {
            Perceptron p = new Perceptron(2);
            int epochs = p.fit(data, 0.1, 100);
            assertTrue(epochs < 100, "did not converge: " + p);
            assertEquals(1.0, p.accuracy(data), 0);
        }
    }

    @Test
    void neverGetsMoreThanThreeOfFourXorCasesRight() {
        DataSet xor = truthTable(0, 1, 1, 0);
        Perceptron p = new Perceptron(2);
        for (int epoch = 0; epoch < 1000; epoch++) {
            assertTrue(p.trainEpoch(xor, 0.1) > 0, "an epoch without mistakes would mean XOR was learned");
            assertTrue(p.accuracy(xor) <= 0.75);
        }
    }

    @Test
    void firstUpdateFollowsThePerceptronRuleByHand() {
        DataSet and = truthTable(0, 0, 0, 1);
        Perceptron p = new Perceptron(2);
        p.trainEpoch(and, 0.5);
        // (0,0): z = 0 → ŷ = 1, y = 0: w += 0.5·(−1)·(0,0), b = −0.5.
        // (0,1): z = −0.5 → 0 = y. (1,0): same. (1,1): z = −0.5 → 0, y = 1: w += 0.5·(1,1) = (0.5, 0.5), b = 0.
        assertEquals(0.5, p.weights()[0], 0);
        assertEquals(0.5, p.weights()[1], 0);
        assertEquals(0.0, p.bias(), 0);
    }

    @Test
    void wrongInputWidthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Perceptron(3).trainEpoch(truthTable(0, 0, 0, 1), 0.1));
    }

    @Test
    void labelsOtherThanZeroAndOneAreRejectedNamingRowAndValue() {
        DataSet minusOne = new DataSet(Nd4j.create(new float[][] {{0, 0}, {1, 1}}), Nd4j.create(new float[][] {{1}, {-1}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Perceptron(2).trainEpoch(minusOne, 0.1));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("-1.0"), e.getMessage());
        DataSet half = new DataSet(Nd4j.create(new float[][] {{0, 0}}), Nd4j.create(new float[][] {{0.5f}}));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> new Perceptron(2).accuracy(half));
        assertTrue(f.getMessage().contains("row 0") && f.getMessage().contains("0.5"), f.getMessage());
    }

    @Test
    void theThresholdIsTheStepActivationSoZeroGivesOne() {
        assertEquals(1.0, new Perceptron(1).predict(Nd4j.create(new float[][] {{0}})).getDouble(0), 0);
    }
}
