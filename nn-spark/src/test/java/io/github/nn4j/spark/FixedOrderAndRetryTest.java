package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * With the fixed reduction order, runs are bitwise equal, and a task that fails once is retried by
 * Spark ({@code local[2,2]}: two threads, each task tried up to twice) without changing the result.
 */
class FixedOrderAndRetryTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(90, 7, 21);
    private static final AtomicInteger FAILURES = new AtomicInteger();

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2,2]");

    @Test
    void twoRunsWithTheFixedOrderAreBitwiseEqual() {
        float[] first = train(null);
        float[] second = train(null);
        assertArrayEquals(first, second);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
        float[] clean = train(null);
        FAILURES.set(0);
        float[] retried = train((epoch, batch, partition) -> {
            if (epoch == 2 && batch == 1 && partition == 1 && TaskContext.get().attemptNumber() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of epoch 2, batch 1, partition 1");
            }
        });
        assertEquals(1, FAILURES.get(), "the injected failure happened once");
        assertArrayEquals(clean, retried);
    }

    private static float[] train(StepHook hook) {
        Sequential model = SynchronousEqualsTrainerTest.model(DataType.FLOAT, true);
        SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01))
                .batchSize(16).epochs(3).seed(4).fixedReductionOrder(true).logEpochs(false).progressBar(false)
                .hook(hook).build()
                .fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 30, 25, 35)));
        return JavaArrays.toFloats(model.parameterSet().values());
    }
}
