package io.github.nn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples and documented constants in the class documentation of the {@code losses} package,
 * run as written; each test names the file and lines it checks.
 */
class LossesDocExamplesTest {

    @Test
    void softmaxCrossEntropyGradientIsSoftmaxMinusOneHotOverTheBatch() {
        // Loss.java:27-29; expected values worked out here in double precision
        double[][] z = {{1, 2, 3}, {0.5, -1, 2}};
        int[] classes = {2, 0};
        INDArray logits = Nd4j.create(z);
        INDArray labels = Nd4j.createFromArray(classes);

        Loss loss = Loss.softmaxCrossEntropy();
        double cost = loss.value(logits, labels);
        INDArray dLogits = loss.gradient(logits, labels);

        double expectedCost = 0;
        double[][] expectedGradient = new double[2][3];
        for (int i = 0; i < 2; i++) {
            double sum = 0;
            for (double value : z[i]) {
                sum += Math.exp(value);
            }
            expectedCost -= Math.log(Math.exp(z[i][classes[i]]) / sum) / 2;
            for (int c = 0; c < 3; c++) {
                expectedGradient[i][c] = (Math.exp(z[i][c]) / sum - (c == classes[i] ? 1 : 0)) / 2;
            }
        }
        assertEquals(expectedCost, cost, 1e-12);
        double[][] gradient = dLogits.toDoubleMatrix();
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expectedGradient[i], gradient[i], 1e-12);
        }
    }

    @Test
    void theProbabilityLossesClipAtOneInTenMillion() {
        // BinaryCrossEntropy.java:9-10, CategoricalCrossEntropy.java:8-9, KLDivergence.java:9-10: ε = 1e-7
        double logFloor = -Math.log(1e-7);   // 16.118...
        INDArray zero = Nd4j.create(new double[][] {{0}});
        INDArray one = Nd4j.create(new double[][] {{1}});
        assertEquals(logFloor, Loss.binaryCrossEntropy().value(zero, one), 1e-9);
        INDArray wrong = Nd4j.create(new double[][] {{0, 1}});
        INDArray right = Nd4j.create(new double[][] {{1, 0}});
        assertEquals(logFloor, Loss.categoricalCrossEntropy().value(wrong, right), 1e-9);
        assertEquals(logFloor, Loss.klDivergence().value(wrong, right), 1e-9);
    }
}
