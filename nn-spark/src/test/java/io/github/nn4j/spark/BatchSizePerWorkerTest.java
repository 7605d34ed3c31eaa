package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Averaging mode with a batch per worker (dl4j-spark's {@code batchSizePerWorker}): every partition
 * takes every step on exactly b of its examples, so all take the same number of optimizer steps.
 */
class BatchSizePerWorkerTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(100, 7, 81);

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void onOnePartitionItIsTrainerWithThatBatchSize() {
        Sequential spark = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        History distributed = SparkTrainer.builder(spark).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01))
                .schedule(LearningRateSchedule.cosine(0.01, 0, 3)).averaging(3).batchSizePerWorker(8).partitions(1)
                .epochs(3).seed(4).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SPARK.context().parallelize(EXAMPLES, 2)));
        Sequential local = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        Trainer trainer = Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.01))
                .schedule(LearningRateSchedule.cosine(0.01, 0, 3)).batchSize(8).dropLastBatch(true).epochs(3).seed(4)
                .logEpochs(false).progressBar(false).build();
        History oneMachine = trainer.fit(SparkTesting.dataSet(EXAMPLES, DataType.DOUBLE));
        double difference = SparkTesting.relativeDifference(spark, local);
        System.out.printf("per-worker batch 8 on one partition vs Trainer batch 8: %.2e%n", difference);
        assertTrue(difference <= 1e-12, "difference " + difference);
        for (int e = 0; e < 3; e++) {
            assertEquals(oneMachine.metric("loss").get(e), distributed.metric("loss").get(e), 1e-12, "loss, epoch " + e);
            assertEquals(96, distributed.epochResults().get(e).samples());
        }
    }

    @Test
    void everyPartitionTakesEveryStepOnAFullBatch() {
        Adam adam = new Adam(0.01);
        History history = SparkTrainer.builder(SynchronousEqualsTrainerTest.model(DataType.FLOAT, false))
                .loss(Loss::softmaxCrossEntropy).optimizer(adam).averaging(4).batchSizePerWorker(5).partitions(3)
                .epochs(2).seed(2).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 30, 45, 25)));
        // 100 examples in 3 partitions of 33, 33 and 34: 6 full batches of 5 each, 15 examples per step.
        assertEquals(12, adam.steps(), "6 steps per epoch");
        for (EpochResult epoch : history.epochResults()) {
            assertEquals(90, epoch.samples(), "every step has 5 examples on each of the 3 partitions");
        }
    }

    @Test
    void aBatchLargerThanAPartitionOrWithoutAveragingIsRefused() {
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class, () -> SparkTrainer
                .builder(SynchronousEqualsTrainerTest.model(DataType.FLOAT, false)).loss(Loss::softmaxCrossEntropy)
                .averaging(2).batchSizePerWorker(40).partitions(3).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SPARK.context().parallelize(EXAMPLES, 2))));
        assertEquals("a batch of 40 examples per worker needs at least as many in every partition; the smallest of 3 "
                + "holds 33: use fewer partitions or a smaller batch", large.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkTrainer.builder(SynchronousEqualsTrainerTest.model(
                DataType.FLOAT, false)).loss(Loss::softmaxCrossEntropy).batchSizePerWorker(5).build());
    }
}
