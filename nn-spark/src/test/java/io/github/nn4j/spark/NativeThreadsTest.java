package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.optim.Adam;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** By default an executor gives each of its task slots an equal share of its cores for ND4J and BLAS. */
class NativeThreadsTest {

    private static final Set<Integer> THREADS_IN_TASKS = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void executorCoresAreSharedByTaskSlots() {
        SparkConf none = new SparkConf(false);
        assertEquals(8, NativeThreads.perExecutor("local", none, 8));
        assertEquals(4, NativeThreads.perExecutor("local[2]", none, 8));
        assertEquals(1, NativeThreads.perExecutor("local[2]", none, 2));
        assertEquals(1, NativeThreads.perExecutor("local[3]", none, 2), "never below 1");
        assertEquals(2, NativeThreads.perExecutor("local[4,3]", none, 8), "retries do not count");
        assertEquals(1, NativeThreads.perExecutor("local[*]", none, 16));
        assertEquals(1, NativeThreads.perExecutor("local-cluster[2,1,1024]", none, 2));
        assertEquals(2, NativeThreads.perExecutor("local-cluster[2,2,1024]",
                new SparkConf(false).set("spark.task.cpus", "2"), 4));
        SparkConf cluster = new SparkConf(false).set("spark.executor.cores", "8").set("spark.task.cpus", "2");
        assertEquals(2, NativeThreads.perExecutor("spark://host:7077", cluster, 4), "8 cores, 4 slots");
        assertEquals(1, NativeThreads.perExecutor("yarn", new SparkConf(false).set("spark.executor.cores", "4"), 4));
        assertEquals(3, NativeThreads.perExecutor("k8s://host", new SparkConf(false).set("spark.task.cpus", "3"), 4));
    }

    @Test
    void tasksRunWithTheDefaultBlasThreadsAndTheDriverGetsItsOwnBack() {
        int before = Nd4j.factory().blas().getMaxThreads();
        int expected = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        THREADS_IN_TASKS.clear();
        SparkTrainer.builder(SynchronousEqualsTrainerTest.model(DataType.FLOAT, false)).loss(Loss::softmaxCrossEntropy)
                .optimizer(new Adam(0.01)).batchSize(16).epochs(1).logEpochs(false).progressBar(false)
                .hook((epoch, batch, partition) -> THREADS_IN_TASKS.add(Nd4j.factory().blas().getMaxThreads()))
                .build().fit(DistributedData.of(SPARK.context().parallelize(SparkTesting.classification(40, 7, 2), 2)));
        // The hook runs before the task borrows its worker: from the second step on, the limit is set.
        assertEquals(true, THREADS_IN_TASKS.contains(expected), "threads seen in tasks: " + THREADS_IN_TASKS);
        assertEquals(before, Nd4j.factory().blas().getMaxThreads(), "the driver's BLAS threads after the fit");
    }
}
