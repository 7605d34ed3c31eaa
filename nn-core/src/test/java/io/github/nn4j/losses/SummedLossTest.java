package io.github.nn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The summed form of every loss and its gradient for a given example count: what lets a batch be
 * split over workers and still give the gradient of one machine.
 */
class SummedLossTest {

    private static final double LN2 = Math.log(2);

    /** One case per loss: predictions and targets of four rows, in double. */
    private record Case(Loss loss, INDArray predictions, INDArray targets) {
    }

    private static List<Case> cases() {
        Random random = new Random(17);
        INDArray logits = matrix(random, 4, 3, -2, 2);
        INDArray probabilities = normalizedRows(matrix(random, 4, 3, 0.1, 1));
        INDArray softTargets = normalizedRows(matrix(random, 4, 3, 0.1, 1));
        INDArray bits = Nd4j.create(new double[][] {{1, 0, 1}, {0, 0, 1}, {1, 1, 0}, {0, 1, 0}});
        INDArray unitInterval = matrix(random, 4, 3, 0.05, 0.95);
        return List.of(new Case(Loss.mse(), logits, softTargets),
                new Case(Loss.binaryCrossEntropy(), unitInterval, bits),
                new Case(Loss.binaryCrossEntropyFromLogits(), logits, bits),
                new Case(Loss.categoricalCrossEntropy(), probabilities, softTargets),
                new Case(Loss.softmaxCrossEntropy(), logits, softTargets),
                new Case(Loss.softmaxCrossEntropy(), logits, Nd4j.create(new double[] {2, 0, 1, 1})),
                new Case(Loss.klDivergence(), probabilities, softTargets));
    }

    @Test
    void eachSumMatchesTheHandComputation() {
        // Each example's loss: the mean of (p − y)² over its outputs: (1 + 0)/2 and (4 + 0)/2.
        assertEquals(2.5, Loss.mse().sum(Nd4j.create(new double[][] {{1, 2}, {3, 4}}),
                Nd4j.create(new double[][] {{0, 2}, {5, 4}})), 1e-15);
        assertEquals(-(Math.log(0.9) + Math.log(0.8)), Loss.binaryCrossEntropy().sum(
                Nd4j.create(new double[][] {{0.9}, {0.2}}), Nd4j.create(new double[][] {{1}, {0}})), 1e-12);
        // z = 0, y = 1: log(1 + e⁰) = ln 2; z = ln 3, y = 0: ln 3 + log(1 + 1/3) = ln 4.
        assertEquals(3 * LN2, Loss.binaryCrossEntropyFromLogits().sum(
                Nd4j.create(new double[][] {{0}, {Math.log(3)}}), Nd4j.create(new double[][] {{1}, {0}})), 1e-12);
        assertEquals(-(Math.log(0.7) + Math.log(0.6)), Loss.categoricalCrossEntropy().sum(
                Nd4j.create(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}}), Nd4j.create(new double[] {0, 2})), 1e-12);
        // softmax(0, ln 3) = (1/4, 3/4) and softmax(ln 2, 0) = (2/3, 1/3): −ln(3/4) − ln(2/3) = ln 2.
        double[][] z = {{0, Math.log(3)}, {Math.log(2), 0}};
        double[][] y = {{0, 1}, {1, 0}};
        assertEquals(LN2, Loss.softmaxCrossEntropy().sum(Nd4j.create(z), Nd4j.create(y)), 1e-12);
        assertEquals(LN2, Loss.softmaxCrossEntropy().sum(Nd4j.create(z).castTo(DataType.FLOAT),
                Nd4j.create(y).castTo(DataType.FLOAT)), 1e-6, "the Java loop for float");
        assertEquals(LN2 / 2, Loss.softmaxCrossEntropy().value(Nd4j.create(z), Nd4j.create(y)), 1e-12);
        // 0.5·ln(0.5/0.25) + 0.5·ln(0.5/0.75)
        assertEquals(0.5 * LN2 + 0.5 * Math.log(2.0 / 3), Loss.klDivergence().sum(
                Nd4j.create(new double[][] {{0.25, 0.75}}), Nd4j.create(new double[][] {{0.5, 0.5}})), 1e-12);
    }

    @Test
    void everyValueIsTheSumOverTheRows() {
        for (Case c : cases()) {
            assertEquals(c.loss().sum(c.predictions(), c.targets()) / 4, c.loss().value(c.predictions(), c.targets()),
                    1e-15, c.loss().name());
        }
    }

    @Test
    void theGradientForAnExampleCountMatchesCentralDifferencesOfTheSumOverThatCount() {
        for (Case c : cases()) {
            INDArray p = c.predictions().dup();
            INDArray analytic = c.loss().gradient(p, c.targets(), 10).dup();
            double h = 1e-6;
            for (int i = 0; i < p.length(); i++) {
                INDArray flat = p.reshape(p.length());
                double original = flat.getDouble(i);
                flat.putScalar(i, original + h);
                double plus = c.loss().sum(p, c.targets()) / 10;
                flat.putScalar(i, original - h);
                double minus = c.loss().sum(p, c.targets()) / 10;
                flat.putScalar(i, original);
                double numeric = (plus - minus) / (2 * h);
                double exact = analytic.reshape(analytic.length()).getDouble(i);
                assertEquals(numeric, exact, 1e-8 + 1e-6 * Math.abs(numeric), c.loss().name() + " entry " + i);
            }
        }
    }

    @Test
    void partsOfABatchAddUpToTheWholeBatch() {
        for (Case c : cases()) {
            Loss loss = c.loss();
            INDArray head = c.predictions().getRows(0, 1, 2);
            INDArray tail = c.predictions().getRows(3);
            INDArray headTargets = rows(c.targets(), 0, 1, 2);
            INDArray tailTargets = rows(c.targets(), 3);
            assertEquals(loss.sum(c.predictions(), c.targets()), loss.sum(head, headTargets) + loss.sum(tail, tailTargets),
                    1e-12, loss.name());
            INDArray whole = loss.gradient(c.predictions(), c.targets()).dup();
            INDArray headGradient = loss.gradient(head, headTargets, 4).dup();
            INDArray tailGradient = loss.gradient(tail, tailTargets, 4).dup();
            assertArrayEquals(flat(whole.getRows(0, 1, 2)), flat(headGradient), 1e-15, loss.name());
            assertArrayEquals(flat(whole.getRows(3)), flat(tailGradient), 1e-15, loss.name());
        }
    }

    @Test
    void anExampleCountBelowTheRowsIsRejected() {
        for (Case c : cases()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.loss().gradient(c.predictions(), c.targets(), 3), c.loss().name());
            assertTrue(e.getMessage().contains("4 rows") && e.getMessage().contains("3 examples"), e.getMessage());
        }
    }

    @Test
    void theJavaLoopAndNd4jAgreeAcrossTheSizeSwitch() {
        // 1,100 × 128 = 140,800 floats: above the Java loops' 131,072, so the whole batch runs on ND4J
        // and each block of 100 rows in Java; the blocks' sums add up to the whole batch's.
        Random random = new Random(5);
        INDArray logits = matrix(random, 1100, 128, -6, 6).castTo(DataType.FLOAT);
        INDArray probabilities = normalizedRows(matrix(random, 1100, 128, 0, 1)).castTo(DataType.FLOAT);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 1100, 128);
        INDArray soft = normalizedRows(matrix(random, 1100, 128, 0, 1)).castTo(DataType.FLOAT);
        for (int i = 0; i < 1100; i++) {
            oneHot.putScalar(i, random.nextInt(128), 1);
        }
        for (INDArray targets : List.of(oneHot, soft)) {
            assertBlocksAddUp(Loss.softmaxCrossEntropy(), logits, targets);
            assertBlocksAddUp(Loss.categoricalCrossEntropy(), probabilities, targets);
        }
    }

    @Test
    void aMinusInfiniteLogitOfAClassWithoutTargetMassAddsNothing() {
        INDArray z = Nd4j.create(new float[][] {{Float.NEGATIVE_INFINITY, 0, 0}});
        assertEquals(LN2, Loss.softmaxCrossEntropy().sum(z, Nd4j.create(new float[][] {{0, 1, 0}})), 1e-7);
    }

    @Test
    void eachLossSaysWhatItsOutputsMean() {
        assertEquals(OutputKind.CLASS_SCORES, Loss.softmaxCrossEntropy().outputKind());
        assertEquals(OutputKind.CLASS_SCORES, Loss.categoricalCrossEntropy().outputKind());
        assertEquals(OutputKind.BINARY_LOGIT, Loss.binaryCrossEntropyFromLogits().outputKind());
        assertEquals(OutputKind.BINARY_PROBABILITY, Loss.binaryCrossEntropy().outputKind());
        assertEquals(OutputKind.OTHER, Loss.mse().outputKind());
        assertEquals(OutputKind.OTHER, Loss.klDivergence().outputKind());
    }

    private static void assertBlocksAddUp(Loss loss, INDArray predictions, INDArray targets) {
        double blocks = 0;
        for (int start = 0; start < 1100; start += 100) {
            blocks += loss.sum(predictions.getRows(range(start, start + 100)), targets.getRows(range(start, start + 100)));
        }
        double whole = loss.sum(predictions, targets);
        assertEquals(whole, blocks, 1e-5 * Math.abs(whole), loss.name());
    }

    private static INDArray matrix(Random random, int rows, int columns, double low, double high) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = low + (high - low) * random.nextDouble();
            }
        }
        return Nd4j.create(values);
    }

    private static INDArray normalizedRows(INDArray matrix) {
        return matrix.diviColumnVector(matrix.sum(1));
    }

    /** Rows of a target matrix, or entries of a class-index vector. */
    private static INDArray rows(INDArray targets, int... rows) {
        return targets.rank() == 1 ? Nd4j.create(java.util.Arrays.stream(rows).mapToDouble(targets::getDouble).toArray())
                : targets.getRows(rows);
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static double[] flat(INDArray array) {
        return array.dup().data().asDouble();
    }
}
