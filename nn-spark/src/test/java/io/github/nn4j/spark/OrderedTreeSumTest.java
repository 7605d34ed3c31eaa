package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The fixed reduction order is a tree of fixed shape: its sum is the one worked out here in that
 * order, every time, and training with it in 9 partitions is bitwise reproducible.
 */
class OrderedTreeSumTest {

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void partialSumsAreAddedInGroupsOfRootPInPartitionOrderThenByGroup() throws Exception {
        // 1e17 + 3 rounds back to 1e17 (its neighbours are 16 apart), 1e17 + 15 does not: added one by one,
        // the five 3s of partitions 5-9 vanish; summed in their group first, they survive as 16.
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            values.add(i == 0 ? 1e17 : i == 10 ? -1e17 : i >= 5 && i < 10 ? 3.0 : i / 1024.0);
        }
        int fanIn = OrderedTreeSum.fanIn(23);
        assertEquals(5, fanIn);
        double expected = 0;
        for (int group = 0; group * fanIn < 23; group++) {
            double sum = values.get(group * fanIn);
            for (int i = group * fanIn + 1; i < Math.min(23, (group + 1) * fanIn); i++) {
                sum += values.get(i);
            }
            expected = group == 0 ? sum : expected + sum;
        }
        double sequential = 0;
        for (double value : values) {
            sequential += value;
        }
        assertNotEquals(sequential, expected, "the data tells the orders apart");
        for (int run = 0; run < 3; run++) {
            double sum = OrderedTreeSum.sum(SPARK.context().parallelize(values, 23), Double::sum);
            assertEquals(expected, sum, 0.0, "run " + run);
        }
        assertEquals(values.get(0) + values.get(1) + values.get(2),
                OrderedTreeSum.sum(SPARK.context().parallelize(values.subList(0, 3), 3), Double::sum), 0.0);
    }

    @Test
    void trainingInNinePartitionsWithTheFixedOrderIsBitwiseReproducibleAndEqualsOneMachine() {
        List<Example> examples = SparkTesting.classification(120, 7, 9);
        double[] first = train(examples);
        double[] second = train(examples);
        assertArrayEquals(first, second);
        Sequential local = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.01)).batchSize(24).epochs(2)
                .seed(5).logEpochs(false).progressBar(false).build().fit(SparkTesting.dataSet(examples, DataType.DOUBLE));
        double difference = JavaArrays.relativeDifference(first, JavaArrays.toDoubles(local.parameterSet().values()));
        assertTrue(difference <= 1e-10, "vs Trainer: " + difference);
    }

    private static double[] train(List<Example> examples) {
        Sequential model = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(24).epochs(2)
                .seed(5).partitions(9).fixedReductionOrder(true).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SPARK.context().parallelize(examples, 4)));
        return JavaArrays.toDoubles(model.parameterSet().values());
    }
}
