package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.AdamW;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Synchronous Spark training equals {@code Trainer.fit} on one machine holding the same examples in
 * partition order, for several optimizers with regularization, clipping and a schedule, partitions
 * of unequal sizes (17, 40, 46) and a global batch (20) that the partition count does not divide.
 */
class SynchronousEqualsTrainerTest {

    private static final int EXAMPLES = 103;
    private static final int FEATURES = 7;
    private static final int BATCH = 20;
    private static final int EPOCHS = 3;
    private static final long SEED = 13;

    private static JavaSparkContext context;
    private static final List<Example> EXAMPLE_LIST = SparkTesting.classification(EXAMPLES, FEATURES, 5);

    @BeforeAll
    static void start() {
        context = SparkTesting.context("local[3]");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void sgdMomentumAdamAndAdamWEqualOneMachineInDoubleAndFloat() {
        List<Supplier<Optimizer>> optimizers = List.of(() -> new Sgd(0.2), () -> new Sgd(0.1).momentum(0.9),
                () -> new Adam(0.01), () -> new AdamW(0.01).weightDecay(0.01));
        for (Supplier<Optimizer> optimizer : optimizers) {
            double inDouble = difference(optimizer, DataType.DOUBLE, false, 17, 40, 46);
            double inFloat = difference(optimizer, DataType.FLOAT, false, 17, 40, 46);
            System.out.printf("sync vs Trainer, %s: DOUBLE %.2e, FLOAT %.2e%n", optimizer.get(), inDouble, inFloat);
            assertTrue(inDouble <= 1e-10, optimizer.get() + " DOUBLE: " + inDouble);
            assertTrue(inFloat <= 1e-5, optimizer.get() + " FLOAT: " + inFloat);
        }
    }

    @Test
    void withDropoutTrainingEqualsOneMachineToo() {
        double adamDouble = difference(() -> new Adam(0.01), DataType.DOUBLE, true, 17, 40, 46);
        double momentumFloat = difference(() -> new Sgd(0.1).momentum(0.9), DataType.FLOAT, true, 17, 40, 46);
        double onePartitionFloat = difference(() -> new Adam(0.01), DataType.FLOAT, true, 103);
        double adamFloat = difference(() -> new Adam(0.01), DataType.FLOAT, true, 17, 40, 46);
        System.out.printf("sync vs Trainer with dropout: Adam DOUBLE %.2e, momentum FLOAT %.2e, Adam FLOAT on one "
                + "partition %.2e, Adam FLOAT on three %.2e%n", adamDouble, momentumFloat, onePartitionFloat, adamFloat);
        assertTrue(adamDouble <= 1e-10, "Adam, DOUBLE: " + adamDouble);
        assertTrue(momentumFloat <= 1e-5, "momentum, FLOAT: " + momentumFloat);
        // One partition computes every batch as one machine does, rows in the same order: bitwise equal,
        // which shows that the masks are one machine's. (Over several partitions in FLOAT, Adam turns the
        // different order of float additions in gradients near zero into differences near 1e-4.)
        assertEquals(0.0, onePartitionFloat, "Adam, FLOAT, one partition");
        assertTrue(adamFloat <= 1e-3, "Adam, FLOAT, three partitions: " + adamFloat);
    }

    @Test
    void oneTwoAndThreePartitionsGiveTheSameResult() {
        Sequential one = spark(() -> new Adam(0.01), DataType.DOUBLE, true, 103);
        Sequential two = spark(() -> new Adam(0.01), DataType.DOUBLE, true, 60, 43);
        Sequential three = spark(() -> new Adam(0.01), DataType.DOUBLE, true, 17, 40, 46);
        double oneTwo = SparkTesting.relativeDifference(two, one);
        double oneThree = SparkTesting.relativeDifference(three, one);
        System.out.printf("partitions 1 vs 2: %.2e, 1 vs 3: %.2e%n", oneTwo, oneThree);
        assertTrue(oneTwo <= 1e-10, "1 vs 2 partitions: " + oneTwo);
        assertTrue(oneThree <= 1e-10, "1 vs 3 partitions: " + oneThree);
    }

    @Test
    void epochMetricsAndValidationEqualOneMachine() {
        List<Example> validation = SparkTesting.classification(41, FEATURES, 6);
        Sequential local = model(DataType.DOUBLE, false);
        History expected = configure(Trainer.builder(local), () -> new Adam(0.01)).build()
                .fit(SparkTesting.dataSet(EXAMPLE_LIST, DataType.DOUBLE), SparkTesting.dataSet(validation, DataType.DOUBLE));
        Sequential distributed = model(DataType.DOUBLE, false);
        History actual = sparkBuilder(distributed, () -> new Adam(0.01)).build().fit(
                DistributedData.of(SparkTesting.partitioned(context, EXAMPLE_LIST, 17, 40, 46)),
                DistributedData.of(SparkTesting.partitioned(context, validation, 20, 21)));
        assertEquals(expected.metricNames(), actual.metricNames());
        for (String metric : expected.metricNames()) {
            List<Double> want = expected.metric(metric);
            List<Double> got = actual.metric(metric);
            for (int e = 0; e < EPOCHS; e++) {
                assertEquals(want.get(e), got.get(e), 1e-10 * Math.max(1, Math.abs(want.get(e))), metric + " epoch " + e);
            }
        }
    }

    /** max relative difference of the weights after {@link #EPOCHS} epochs, Spark against one machine. */
    private static double difference(Supplier<Optimizer> optimizer, DataType type, boolean dropout, int... sizes) {
        Sequential local = model(type, dropout);
        configure(Trainer.builder(local), optimizer).build().fit(SparkTesting.dataSet(EXAMPLE_LIST, type));
        return SparkTesting.relativeDifference(spark(optimizer, type, dropout, sizes), local);
    }

    private static Sequential spark(Supplier<Optimizer> optimizer, DataType type, boolean dropout, int... sizes) {
        Sequential distributed = model(type, dropout);
        sparkBuilder(distributed, optimizer).build()
                .fit(DistributedData.of(SparkTesting.partitioned(context, EXAMPLE_LIST, sizes)));
        return distributed;
    }

    static Sequential model(DataType type, boolean dropout) {
        return (dropout ? new Sequential(new Dense(FEATURES, 16), new Tanh(), new Dropout(0.3), new Dense(16, 12),
                new Tanh(), new Dropout(0.2), new Dense(12, 3))
                : new Sequential(new Dense(FEATURES, 16), new Tanh(), new Dense(16, 3))).init(Initializer.he(), 3, type);
    }

    private static io.github.nn4j.train.TrainerBuilder configure(io.github.nn4j.train.TrainerBuilder builder,
                                                                  Supplier<Optimizer> optimizer) {
        return builder.loss(Loss.softmaxCrossEntropy()).optimizer(optimizer.get())
                .regularization(new Regularization(1e-4, 1e-3))
                .gradientClipping(GradientClipping.byGlobalNorm(0.5))
                .schedule(LearningRateSchedule.stepDecay(1, 1, 0.7).withWarmup(4))
                .batchSize(BATCH).epochs(EPOCHS).seed(SEED).logEpochs(false).progressBar(false);
    }

    private static SparkTrainerBuilder sparkBuilder(Sequential model, Supplier<Optimizer> optimizer) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(optimizer.get())
                .regularization(new Regularization(1e-4, 1e-3))
                .gradientClipping(GradientClipping.byGlobalNorm(0.5))
                .schedule(LearningRateSchedule.stepDecay(1, 1, 0.7).withWarmup(4))
                .batchSize(BATCH).epochs(EPOCHS).seed(SEED).logEpochs(false).progressBar(false);
    }
}
