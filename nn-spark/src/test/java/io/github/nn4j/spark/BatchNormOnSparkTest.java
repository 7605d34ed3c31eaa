package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Synchronous Spark training of BatchNorm models equals one machine's: every partition normalizes
 * its share of a global batch with the whole batch's statistics and backpropagates with its sums
 * (synchronized batch statistics, {@code BatchNormSync}), and the driver moves the running
 * statistics once per step. Two BatchNorm layers, partitions of 17, 40 and 46 rows (a global batch
 * of 20 leaves some partitions with one row or none in a batch), validation with the running
 * statistics on the executors.
 */
class BatchNormOnSparkTest {

    private static final int FEATURES = 7;
    private static final List<Example> EXAMPLES = SparkTesting.classification(103, FEATURES, 5);
    private static final List<Example> HELD_OUT = SparkTesting.classification(31, FEATURES, 6);

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[3]");

    private static Sequential model(DataType type, boolean dropout) {
        Sequential model = dropout
                ? new Sequential(new Dense(FEATURES, 16), new BatchNorm(16), new Tanh(), new Dropout(0.2),
                        new Dense(16, 8), new BatchNorm(8, 1e-3, 0.3), new Tanh(), new Dense(8, 3))
                : new Sequential(new Dense(FEATURES, 16), new BatchNorm(16), new Tanh(), new Dense(16, 8),
                        new BatchNorm(8, 1e-3, 0.3), new Tanh(), new Dense(8, 3));
        return model.init(Initializer.he(), 3, type);
    }

    /** The two trained models and histories: [one machine, Spark]. */
    private record Pair(Sequential local, Sequential distributed, History localHistory, History sparkHistory) {
        double weights() {
            return SparkTesting.relativeDifference(distributed, local);
        }

        double states() {
            return JavaArrays.relativeDifference(JavaArrays.toDoubles(distributed.parameterSet().states()),
                    JavaArrays.toDoubles(local.parameterSet().states()));
        }
    }

    private static Pair train(Supplier<Optimizer> optimizer, DataType type, boolean dropout, boolean fixedOrder) {
        Sequential local = model(type, dropout);
        DataSet validation = SparkTesting.dataSet(HELD_OUT, type);
        History localHistory = Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(optimizer.get())
                .batchSize(20).epochs(3).seed(13).logEpochs(false).progressBar(false).build()
                .fit(SparkTesting.dataSet(EXAMPLES, type), validation);
        Sequential distributed = model(type, dropout);
        History sparkHistory = SparkTrainer.builder(distributed).loss(Loss::softmaxCrossEntropy)
                .optimizer(optimizer.get()).batchSize(20).epochs(3).seed(13).fixedReductionOrder(fixedOrder)
                .logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 17, 40, 46)),
                        DistributedData.of(SparkTesting.partitioned(SPARK.context(), HELD_OUT, 10, 21)));
        return new Pair(local, distributed, localHistory, sparkHistory);
    }

    @Test
    void batchNormWithMomentumInDoubleEqualsOneMachineWeightsRunningStatisticsAndMetrics() {
        Pair pair = train(() -> new Sgd(0.1).momentum(0.9), DataType.DOUBLE, false, false);
        System.out.printf("sync vs Trainer with BatchNorm, momentum DOUBLE: weights %.2e, running statistics %.2e%n",
                pair.weights(), pair.states());
        assertTrue(pair.weights() <= 1e-10, "weights: " + pair.weights());
        assertTrue(pair.states() <= 1e-10, "running statistics: " + pair.states());
        for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            List<Double> want = pair.localHistory().metric(metric);
            List<Double> got = pair.sparkHistory().metric(metric);
            for (int e = 0; e < want.size(); e++) {
                assertEquals(want.get(e), got.get(e), 1e-10 * Math.max(1, Math.abs(want.get(e))), metric + " " + e);
            }
        }
    }

    /**
     * Adam in DOUBLE ends further apart than momentum: the bias of a Dense layer that feeds a
     * BatchNorm layer has a gradient of exactly zero in exact arithmetic (the normalization subtracts
     * it again), so what its gradient holds is rounding noise of ~1e-17, which differs with the order
     * of additions; Adam divides that by its ε (1e-8) and moves the bias by ~1e-11 a step, and the
     * running means follow (measured: 5e-10 and 9e-11, where momentum in DOUBLE ends 2e-15 apart).
     */
    @Test
    void batchNormWithMomentumInFloatAndWithAdamAndDropoutInDoubleEqualsOneMachine() {
        Pair momentum = train(() -> new Sgd(0.1).momentum(0.9), DataType.FLOAT, false, false);
        Pair adam = train(() -> new Adam(0.01), DataType.DOUBLE, true, false);
        System.out.printf("sync vs Trainer with BatchNorm: momentum FLOAT weights %.2e, running statistics %.2e; "
                + "Adam DOUBLE with dropout %.2e, %.2e%n", momentum.weights(), momentum.states(), adam.weights(),
                adam.states());
        assertTrue(momentum.weights() <= 1e-5, "momentum FLOAT weights: " + momentum.weights());
        assertTrue(momentum.states() <= 1e-5, "momentum FLOAT running statistics: " + momentum.states());
        assertTrue(adam.weights() <= 1e-8, "Adam DOUBLE weights: " + adam.weights());
        assertTrue(adam.states() <= 1e-8, "Adam DOUBLE running statistics: " + adam.states());
    }

    @Test
    void withAFixedReductionOrderTwoRunsAreBitwiseEqual() {
        Pair first = train(() -> new Adam(0.01), DataType.FLOAT, false, true);
        Pair second = train(() -> new Adam(0.01), DataType.FLOAT, false, true);
        assertArrayEquals(JavaArrays.toFloats(first.distributed().parameterSet().values()),
                JavaArrays.toFloats(second.distributed().parameterSet().values()));
        assertArrayEquals(JavaArrays.toFloats(first.distributed().parameterSet().states()),
                JavaArrays.toFloats(second.distributed().parameterSet().states()));
    }

    @Test
    void averagingModeRefusesBatchNormSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrainer.builder(model(DataType.FLOAT, false)).loss(Loss::softmaxCrossEntropy)
                        .optimizer(new Adam(0.01)).averaging(5).build());
        assertTrue(e.getMessage().startsWith("layer 1 BatchNorm(16): averaging mode does not support BatchNorm: "
                + "each partition's local steps would normalize with that partition's own batch statistics"),
                e.getMessage());
        assertTrue(e.getMessage().contains("synchronous mode"), e.getMessage());
    }
}
