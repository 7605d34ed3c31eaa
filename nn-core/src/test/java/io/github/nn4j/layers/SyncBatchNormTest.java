package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.BatchStatistics;
import io.github.nn4j.base.ColumnMoments;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import io.github.nn4j.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * BatchNorm over shares of a batch with {@link BatchStatistics}: two model copies, each computing
 * some rows of a batch on its own thread and exchanging statistics through a small all-reduce,
 * compute together what one pass over the whole batch computes — outputs, summed parameter
 * gradients and running statistics — with two BatchNorm layers in the model (so the calls' order
 * matters).
 */
class SyncBatchNormTest {

    private static final int ROWS = 13;
    private static final int SPLIT = 5;

    private static Sequential model(DataType type) {
        Sequential model = new Sequential(new Dense(4, 6), new BatchNorm(6), new Tanh(), new Dense(6, 3),
                new BatchNorm(3)).init(Initializer.xavierNormal(), 21, type);
        model.parameterSet().get("batch_norm0.gamma").value().assign(SeededArrays.uniform(22, type, 1, 6).addi(0.5));
        model.parameterSet().get("batch_norm1.beta").value().assign(SeededArrays.gaussian(23, type, 1, 3));
        return model;
    }

    /** Two parties' exchange: each hands in its value, both get the values combined in party order. */
    private static final class AllReduce {
        private final CyclicBarrier barrier = new CyclicBarrier(2);
        private final Object[] slots = new Object[2];

        @SuppressWarnings("unchecked")
        <T> List<T> exchange(int party, T value) {
            try {
                slots[party] = value;
                barrier.await();
                List<T> all = List.of((T) slots[0], (T) slots[1]);
                barrier.await();
                return all;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        BatchStatistics party(int party) {
            return new BatchStatistics() {
                @Override
                public ColumnMoments batchMoments(ColumnMoments local) {
                    List<ColumnMoments> all = exchange(party, local);
                    return all.get(0).plus(all.get(1));
                }

                @Override
                public void batchGradientSums(double[] gradientSums, double[] normalizedGradientSums) {
                    List<double[][]> all = exchange(party, new double[][] {gradientSums.clone(),
                        normalizedGradientSums.clone()});
                    for (int j = 0; j < gradientSums.length; j++) {
                        gradientSums[j] = all.get(0)[0][j] + all.get(1)[0][j];
                        normalizedGradientSums[j] = all.get(0)[1][j] + all.get(1)[1][j];
                    }
                }
            };
        }
    }

    private static INDArray rows(INDArray x, int from, int to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    /** max |a − b| / max |b| over the model's parameters, gradients and states. */
    private static void assertShareSumEqualsWhole(DataType type, double tolerance) throws Exception {
        INDArray x = SeededArrays.gaussian(24, type, ROWS, 4).muli(2).addi(1);
        INDArray y = SeededArrays.gaussian(25, type, ROWS, 3);
        Sequential whole = model(type);
        TrainingStep wholeStep = new TrainingStep(whole, Loss.mse());
        wholeStep.computeGradients(x, y, ROWS);
        INDArray wholeOutput = wholeStep.output().dup();

        List<Sequential> shares = List.of(model(type), model(type));
        int[][] ranges = {{0, SPLIT}, {SPLIT, ROWS}};
        AllReduce exchange = new AllReduce();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<INDArray>> outputs = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int party = p;
            outputs.add(threads.submit(() -> {
                TrainingStep step = new TrainingStep(shares.get(party), Loss.mse());
                int[] range = ranges[party];
                step.computeGradients(rows(x, range[0], range[1]), rows(y, range[0], range[1]), ROWS,
                        TrainingPass.of(0).withBatchStatistics(exchange.party(party)));
                return step.output().dup();
            }));
        }
        INDArray first = outputs.get(0).get();
        INDArray second = outputs.get(1).get();
        threads.shutdown();

        double scale = whole.parameterSet().gradients().amaxNumber().doubleValue();
        INDArray summed = shares.get(0).parameterSet().gradients().add(shares.get(1).parameterSet().gradients());
        assertEquals(0, summed.sub(whole.parameterSet().gradients()).amaxNumber().doubleValue() / scale, tolerance,
                "summed gradients");
        assertEquals(0, first.sub(rows(wholeOutput, 0, SPLIT)).amaxNumber().doubleValue(), tolerance, "outputs");
        assertEquals(0, second.sub(rows(wholeOutput, SPLIT, ROWS)).amaxNumber().doubleValue(), tolerance, "outputs");
        for (Sequential share : shares) {
            assertEquals(0, share.parameterSet().states().sub(whole.parameterSet().states()).amaxNumber().doubleValue(),
                    tolerance, "running statistics");
        }
        assertTrue(scale > 0.01, "the gradient is not trivially small: " + scale);
    }

    @Test
    void sharesWithBatchStatisticsComputeWhatOnePassOverTheBatchComputesInDouble() throws Exception {
        assertShareSumEqualsWhole(DataType.DOUBLE, 1e-13);
    }

    @Test
    void sharesWithBatchStatisticsComputeWhatOnePassOverTheBatchComputesInFloat() throws Exception {
        assertShareSumEqualsWhole(DataType.FLOAT, 2e-6);
    }

    @Test
    void aPassOverTheWholeBatchWithItsOwnStatisticsIsAnOrdinaryPass() {
        INDArray x = SeededArrays.gaussian(26, DataType.DOUBLE, ROWS, 4);
        INDArray y = SeededArrays.gaussian(27, DataType.DOUBLE, ROWS, 3);
        Sequential plain = model(DataType.DOUBLE);
        new TrainingStep(plain, Loss.mse()).computeGradients(x, y, ROWS);
        Sequential identity = model(DataType.DOUBLE);
        BatchStatistics own = new BatchStatistics() {
            @Override
            public ColumnMoments batchMoments(ColumnMoments local) {
                return local;
            }

            @Override
            public void batchGradientSums(double[] gradientSums, double[] normalizedGradientSums) {
            }
        };
        new TrainingStep(identity, Loss.mse()).computeGradients(x, y, ROWS, TrainingPass.of(0).withBatchStatistics(own));
        assertArrayEquals(plain.parameterSet().gradients().toDoubleVector(),
                identity.parameterSet().gradients().toDoubleVector(), 1e-14);
        assertArrayEquals(plain.parameterSet().states().toDoubleVector(),
                identity.parameterSet().states().toDoubleVector(), 1e-14);
    }

    @Test
    void aShareOfOneRowIsFineButABatchOfOneRowIsRefused() {
        BatchNorm layer = new BatchNorm(3);
        new Sequential(layer).init(Initializer.zeros(), 0, DataType.DOUBLE);
        INDArray one = SeededArrays.gaussian(28, DataType.DOUBLE, 1, 3);
        ColumnMoments other = new ColumnMoments(2, new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5});
        BatchStatistics withOthers = new BatchStatistics() {
            @Override
            public ColumnMoments batchMoments(ColumnMoments local) {
                return local.plus(other);
            }

            @Override
            public void batchGradientSums(double[] gradientSums, double[] normalizedGradientSums) {
            }
        };
        INDArray output = layer.forward(one, Mode.TRAIN, TrainingPass.of(0).withBatchStatistics(withOthers));
        assertEquals(3, output.columns());
        BatchStatistics alone = new BatchStatistics() {
            @Override
            public ColumnMoments batchMoments(ColumnMoments local) {
                return local;
            }

            @Override
            public void batchGradientSums(double[] gradientSums, double[] normalizedGradientSums) {
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(one, Mode.TRAIN, TrainingPass.of(0).withBatchStatistics(alone)));
        assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
    }

    @Test
    void momentsOfPartsCombineToTheMomentsOfTheWhole() {
        double[] values = {3.5, -1, 2, 8, 0.25, 4, 4, -7};
        ColumnMoments whole = of(values, 0, values.length);
        ColumnMoments parts = of(values, 0, 3).plus(of(values, 3, 4)).plus(ColumnMoments.empty(1))
                .plus(of(values, 4, values.length));
        assertEquals(values.length, parts.count());
        assertEquals(whole.mean()[0], parts.mean()[0], 1e-15);
        assertEquals(whole.m2()[0], parts.m2()[0], 1e-13);
        assertEquals(1.71875, whole.mean()[0], 1e-15);   // 13.75 / 8
        assertThrows(IllegalArgumentException.class, () -> whole.plus(ColumnMoments.empty(2)));
    }

    /** The moments of one column of values, two-pass. */
    private static ColumnMoments of(double[] values, int from, int to) {
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += values[i];
        }
        mean /= to - from;
        double m2 = 0;
        for (int i = from; i < to; i++) {
            m2 += (values[i] - mean) * (values[i] - mean);
        }
        return new ColumnMoments(to - from, new double[] {mean}, new double[] {m2});
    }
}
