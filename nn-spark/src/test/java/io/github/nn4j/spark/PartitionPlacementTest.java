package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.losses.OutputKind;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples are placed in equal contiguous ranges of their global order, in as many partitions
 * as the cluster has task slots (here {@code local[3]}): a source of 200 uneven partitions trains
 * in 3 tasks per step, a one-partition source in 3 when asked, and both still equal one machine.
 */
class PartitionPlacementTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(230, 7, 71);
    private static final Set<Integer> PARTITIONS_SEEN = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[3]");

    @Test
    void twoHundredUnevenPartitionsBecomeThreeEqualRangesInTheGlobalOrder() {
        JavaRDD<Example> source = SPARK.context().parallelize(EXAMPLES, 200);
        PlacedBlocks placed = PlacedBlocks.of(DistributedData.of(source), format(), 3, "test");
        try {
            assertArrayEquals(new long[] {0, 76, 153, 230}, placed.offsets);
            List<Block> blocks = placed.blocks.collect();
            assertEquals(List.of(76, 77, 77), blocks.stream().map(block -> block.rows).toList());
            Block all = Block.join(blocks, false, true);
            INDArray x = Nd4j.create(DataType.FLOAT, 230, 7);
            INDArray y = Nd4j.create(DataType.FLOAT, 230, 3);
            all.range(0, 230, x, y);
            assertEquals(SparkTesting.dataSet(EXAMPLES, DataType.FLOAT).features(), x, "the examples in global order");
            for (int i = 0; i < 230; i++) {
                assertEquals((int) EXAMPLES.get(i).label()[0], all.classes[i], "class of example " + i);
            }
        } finally {
            placed.unpersist();
        }
    }

    @Test
    void aTwoHundredPartitionSourceTrainsInOneTaskPerSlotAndEqualsOneMachine() {
        PARTITIONS_SEEN.clear();
        Sequential spark = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(spark).hook((epoch, batch, partition) -> PARTITIONS_SEEN.add(partition)).build()
                .fit(DistributedData.of(SPARK.context().parallelize(EXAMPLES, 200)));
        assertEquals(Set.of(0, 1, 2), PARTITIONS_SEEN, "one task per task slot");
        double difference = SparkTesting.relativeDifference(spark, oneMachine());
        System.out.printf("200 source partitions in 3, vs Trainer: %.2e%n", difference);
        assertTrue(difference <= 1e-10, "difference " + difference);
    }

    @Test
    void aOnePartitionSourceSplitIntoThreeEqualsOneMachine() {
        PARTITIONS_SEEN.clear();
        Sequential spark = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(spark).partitions(3).hook((epoch, batch, partition) -> PARTITIONS_SEEN.add(partition)).build()
                .fit(DistributedData.of(SPARK.context().parallelize(EXAMPLES, 1)));
        assertEquals(Set.of(0, 1, 2), PARTITIONS_SEEN);
        double difference = SparkTesting.relativeDifference(spark, oneMachine());
        System.out.printf("1 source partition in 3, vs Trainer: %.2e%n", difference);
        assertTrue(difference <= 1e-10, "difference " + difference);
    }

    @Test
    void byDefaultASourceWithFewerPartitionsThanSlotsKeepsItsCount() {
        PARTITIONS_SEEN.clear();
        builder(SynchronousEqualsTrainerTest.model(DataType.FLOAT, false)).epochs(1)
                .hook((epoch, batch, partition) -> PARTITIONS_SEEN.add(partition)).build()
                .fit(DistributedData.of(SPARK.context().parallelize(EXAMPLES, 2)));
        assertEquals(Set.of(0, 1), PARTITIONS_SEEN);
    }

    @Test
    void rangesDifferByAtMostOneAndPartitionsFitAnArray() {
        assertArrayEquals(new long[] {0, 3, 6, 10}, PlacedBlocks.ranges(10, 3));
        assertEquals(5, PlacedBlocks.count(8, 5, 7), "at most one partition per example");
        assertEquals(3, PlacedBlocks.count(1, 1_000_000_000L, 5), "at most 2^31 − 8 feature values per partition");
    }

    private static Sequential oneMachine() {
        Sequential local = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.01)).batchSize(32).epochs(3)
                .seed(12).logEpochs(false).progressBar(false).build()
                .fit(SparkTesting.dataSet(EXAMPLES, DataType.DOUBLE));
        return local;
    }

    private static SparkTrainerBuilder builder(Sequential model) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(32)
                .epochs(3).seed(12).logEpochs(false).progressBar(false);
    }

    private static BlockFormat format() {
        return BlockFormat.of(SynchronousEqualsTrainerTest.model(DataType.FLOAT, false), OutputKind.CLASS_SCORES);
    }
}
