package io.github.nn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class LossTest {

    private static final INDArray PROBABILITIES = Nd4j.create(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}});
    private static final INDArray ONE_HOT = Nd4j.create(new double[][] {{1, 0, 0}, {0, 0, 1}});
    private static final INDArray INDICES = Nd4j.create(new double[] {0, 2});

    @Test
    void mseMatchesHandComputation() {
        INDArray p = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray y = Nd4j.create(new double[][] {{0, 2}, {5, 4}});
        // ((1)² + 0 + (−2)² + 0) / 4 = 1.25; gradient 2(p − y)/4
        assertEquals(1.25, Loss.mse().value(p, y), 1e-15);
        assertArrayEquals(new double[] {0.5, 0, -1, 0}, Loss.mse().gradient(p, y).data().asDouble(), 1e-15);
    }

    @Test
    void binaryCrossEntropyMatchesTheNotesFormula() {
        INDArray p = Nd4j.create(new double[][] {{0.9}, {0.2}});
        INDArray y = Nd4j.create(new double[][] {{1}, {0}});
        double expected = -(Math.log(0.9) + Math.log(0.8)) / 2;
        assertEquals(expected, Loss.binaryCrossEntropy().value(p, y), 1e-12);
    }

    @Test
    void binaryCrossEntropyIsClippedSoLogZeroNeverOccurs() {
        INDArray p = Nd4j.create(new double[][] {{0.0}, {1.0}});
        INDArray y = Nd4j.create(new double[][] {{1}, {0}});
        double value = Loss.binaryCrossEntropy().value(p, y);
        assertTrue(Double.isFinite(value) && value > 10, "clipped loss " + value);
        assertTrue(Transforms.abs(Loss.binaryCrossEntropy().gradient(p, y), true).maxNumber().doubleValue() < 1e8);
    }

    @Test
    void binaryCrossEntropyFromLogitsEqualsBinaryCrossEntropyOfSigmoid() {
        INDArray z = Nd4j.create(new double[][] {{-3, 0.5}, {2, -0.1}});
        INDArray y = Nd4j.create(new double[][] {{0, 1}, {1, 1}});
        INDArray p = Transforms.sigmoid(z, true);
        assertEquals(Loss.binaryCrossEntropy().value(p, y), Loss.binaryCrossEntropyFromLogits().value(z, y), 1e-9);
    }

    @Test
    void binaryCrossEntropyFromLogitsIsExactForHugeLogits() {
        INDArray z = Nd4j.create(new double[][] {{1000}, {-1000}});
        INDArray y = Nd4j.create(new double[][] {{0}, {0}});
        assertEquals(500.0, Loss.binaryCrossEntropyFromLogits().value(z, y), 1e-9);
    }

    @Test
    void categoricalCrossEntropyMatchesTheNotesFormula() {
        double expected = -(Math.log(0.7) + Math.log(0.6)) / 2;
        assertEquals(expected, Loss.categoricalCrossEntropy().value(PROBABILITIES, ONE_HOT), 1e-12);
        assertEquals(expected, Loss.categoricalCrossEntropy().value(PROBABILITIES, INDICES), 1e-12);
    }

    @Test
    void softmaxCrossEntropyGradientIsSoftmaxMinusOneHotOverBatch() {
        INDArray z = Nd4j.create(new double[][] {{2, 1, 0}, {-1, 0.5, 3}});
        INDArray softmax = Transforms.softmax(z, true);
        INDArray expected = softmax.sub(ONE_HOT).divi(2);
        assertArrayEquals(expected.data().asDouble(), Loss.softmaxCrossEntropy().gradient(z, ONE_HOT).data().asDouble(), 1e-12);
        assertArrayEquals(expected.data().asDouble(), Loss.softmaxCrossEntropy().gradient(z, INDICES).data().asDouble(), 1e-12);
        double value = -(Math.log(softmax.getDouble(0, 0)) + Math.log(softmax.getDouble(1, 2))) / 2;
        assertEquals(value, Loss.softmaxCrossEntropy().value(z, ONE_HOT), 1e-12);
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        INDArray z = Nd4j.create(new float[][] {{1000, -1000}, {-1000, 1000}});
        INDArray y = Nd4j.create(new float[][] {{0, 1}, {0, 1}});
        assertEquals(1000.0, Loss.softmaxCrossEntropy().value(z, y), 1e-3);
    }

    @Test
    void klDivergenceIsCrossEntropyMinusEntropyAndZeroAtTheTarget() {
        INDArray p = Nd4j.create(new double[][] {{0.5, 0.5, 0}, {0.2, 0.3, 0.5}});
        INDArray q = Nd4j.create(new double[][] {{0.25, 0.5, 0.25}, {0.2, 0.3, 0.5}});
        double expected = (0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(1)) / 2;
        assertEquals(expected, Loss.klDivergence().value(q, p), 1e-12);
        assertEquals(0.0, Loss.klDivergence().value(p.dup(), p), 1e-9);
    }

    @Test
    void everyLossGradientMatchesCentralDifferences() {
        INDArray probabilities = Nd4j.create(new double[][] {{0.3, 0.5, 0.2}, {0.6, 0.1, 0.3}});
        INDArray targets = Nd4j.create(new double[][] {{0.2, 0.7, 0.1}, {1, 0, 0}});
        INDArray logits = Nd4j.create(new double[][] {{0.4, -1.3, 0.9}, {2.1, 0.2, -0.6}});
        INDArray bits = Nd4j.create(new double[][] {{1, 0, 1}, {0, 0, 1}});
        check(Loss.mse(), logits, targets);
        check(Loss.binaryCrossEntropy(), probabilities, bits);
        check(Loss.binaryCrossEntropyFromLogits(), logits, bits);
        check(Loss.categoricalCrossEntropy(), probabilities, targets);
        check(Loss.softmaxCrossEntropy(), logits, targets);
        check(Loss.softmaxCrossEntropy(), logits, INDICES);
        check(Loss.klDivergence(), probabilities, targets);
    }

    private static void check(Loss loss, INDArray predictions, INDArray targets) {
        GradientCheckResult result = GradientCheck.loss(loss, predictions, targets);
        assertTrue(result.passed(1e-7), loss.name() + ": " + result);
    }

    @Test
    void labelsOutOfRangeNameTheLabelAndRow() {
        INDArray bad = Nd4j.create(new double[] {0, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy().gradient(PROBABILITIES, bad));
        assertTrue(e.getMessage().contains("label 3.0 at row 1") && e.getMessage().contains("[0, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy().value(PROBABILITIES, Nd4j.create(new double[] {0, 1.5})));
        assertThrows(IllegalArgumentException.class,
                () -> Loss.softmaxCrossEntropy().value(PROBABILITIES, Nd4j.create(new double[] {-1, 0})));
    }

    @Test
    void mismatchedTargetShapeNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.mse().value(PROBABILITIES, Nd4j.zeros(2, 4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    }
}
