package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code SparkTrainer.stepCost()}: the split of the last epoch's steps adds up (the parts lie
 * within the step), counts the steps of both modes, and shows BatchNorm's statistics rounds; and
 * the reduction's tree depth follows the partition count.
 */
class StepCostTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(60, 5, 8);

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    private static StepCost train(Sequential model, int averaging) {
        SparkTrainerBuilder builder = SparkTrainer.builder(model.init(Initializer.he(), 1))
                .loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(10).epochs(2).seed(2)
                .logEpochs(false).progressBar(false);
        SparkTrainer trainer = (averaging > 0 ? builder.averaging(averaging) : builder).build();
        assertNull(trainer.stepCost());
        trainer.fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 25, 35)));
        return trainer.stepCost();
    }

    private static void assertPartsWithinTheStep(StepCost cost) {
        assertTrue(cost.stepMs() > 0, cost.toString());
        assertTrue(cost.packMs() + cost.broadcastMs() + cost.statisticsMs() + cost.jobMs() + cost.applyMs()
                <= cost.stepMs() + 1e-9, cost.toString());
        assertTrue(cost.weightsInMs() + cost.computeMs() + cost.resultOutMs() <= cost.jobMs() + 1e-9,
                cost.toString());
        assertTrue(cost.computeMs() > 0, cost.toString());
        assertEquals(cost.stepMs() - cost.computeMs(), cost.sparkMs(), 1e-9);
    }

    @Test
    void theSplitOfSynchronousStepsAddsUpAndCountsTheLastEpochsSteps() {
        StepCost cost = train(new Sequential(new Dense(5, 8), new Tanh(), new Dense(8, 3)), 0);
        assertEquals(6, cost.steps());
        assertEquals(0, cost.statisticsMs());
        assertPartsWithinTheStep(cost);
    }

    @Test
    void batchNormStepsShowTheirStatisticsRounds() {
        StepCost cost = train(new Sequential(new Dense(5, 8), new BatchNorm(8), new Tanh(), new Dense(8, 3)), 0);
        assertEquals(6, cost.steps());
        assertTrue(cost.statisticsMs() > 0, cost.toString());
        assertPartsWithinTheStep(cost);
    }

    @Test
    void averagingRoundsCountEveryLocalStep() {
        StepCost cost = train(new Sequential(new Dense(5, 8), new Tanh(), new Dense(8, 3)), 4);
        assertEquals(6, cost.steps());
        assertPartsWithinTheStep(cost);
    }

    @Test
    void partialSumsMeetInATreeOfFanInEightAboveEightPartitions() {
        assertEquals(2, Jobs.treeDepth(9));
        assertEquals(2, Jobs.treeDepth(64));
        assertEquals(3, Jobs.treeDepth(65));
        assertEquals(3, Jobs.treeDepth(512));
        assertEquals(4, Jobs.treeDepth(513));
    }
}
