package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Predictor;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.AdamW;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.testing.SeededArrays;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * After warm-up, a training step of the S and M benchmark networks and a prediction run no ND4J
 * operation and create no ND4J array (nor the native buffer and JavaCPP pointer behind one),
 * except the array {@code Sequential.predict} returns. Counted with ND4J's operation profiler and
 * its deallocator service, which numbers every native buffer and op context ND4J creates.
 */
class HotPathAllocationTest {

    /** ND4J operations and native objects created by {@code calls} runs of {@code work}, after 20 more. */
    private static long[] count(Runnable work, int calls) {
        for (int i = 0; i < 20; i++) {
            work.run();
        }
        OpExecutioner executioner = Nd4j.getExecutioner();
        OpExecutioner.ProfilingMode previous = executioner.getProfilingMode();
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        try {
            long before = Nd4j.getDeallocatorService().nextValue();
            for (int i = 0; i < calls; i++) {
                work.run();
            }
            long objects = Nd4j.getDeallocatorService().nextValue() - before - 1;
            return new long[] {OpProfiler.getInstance().getInvocationsCount(), objects};
        } finally {
            executioner.setProfilingMode(previous);
            OpProfiler.getInstance().reset();
        }
    }

    private static Sequential network(int... sizes) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Dense(sizes[i], sizes[i + 1]));
            if (i + 2 < sizes.length) {
                layers.add(new ReLU());
            }
        }
        return new Sequential(layers).init(Initializer.heNormal(), 1, DataType.FLOAT);
    }

    @Test
    void trainingStepsOfTheSAndMNetworksRunNoNd4jOperationAndCreateNoArray() {
        for (int[] workload : List.of(new int[] {32, 784, 128, 10}, new int[] {128, 784, 512, 512, 10})) {
            for (Optimizer optimizer : List.of(new Sgd(0.01), new Adam(1e-3))) {
                int batch = workload[0];
                Sequential model = network(java.util.Arrays.copyOfRange(workload, 1, workload.length));
                INDArray x = SeededArrays.uniform(1, DataType.FLOAT, batch, 784);
                INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
                for (int i = 0; i < batch; i++) {
                    y.putScalar(i, i % 10, 1);
                }
                TrainingStep step = new TrainingStep(model, Loss.softmaxCrossEntropy(), optimizer, null, null, null);
                long[] counts = count(() -> {
                    step.computeGradients(x, y, batch);
                    step.applyUpdate(1);
                }, 10);
                String what = model.parameterCount() + " parameters, " + optimizer;
                assertEquals(0, counts[0], what + ": ND4J operations");
                assertEquals(0, counts[1], what + ": ND4J arrays and native objects");
            }
        }
    }

    @Test
    void anSStepWithL2RegularizationAndDecoupledWeightDecayRunsNoNd4jOperationEither() {
        // The weight mask and the decay factors are applied by Java loops up to KernelPath's size
        // limit (S has 101,770 parameters; M's 669,706 go to ND4J's multiply).
        Sequential model = network(784, 128, 10);
        INDArray x = SeededArrays.uniform(1, DataType.FLOAT, 32, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 10, 1);
        }
        TrainingStep step = new TrainingStep(model, Loss.softmaxCrossEntropy(), new AdamW(1e-3), null,
                Regularization.l2(1e-4), null);
        long[] counts = count(() -> {
            step.computeGradients(x, y, 32);
            step.applyUpdate(1);
        }, 10);
        assertEquals(0, counts[0], "ND4J operations");
        assertEquals(0, counts[1], "ND4J arrays and native objects");
    }

    @Test
    void predictionsCreateNothingButTheArrayTheyReturn() {
        Sequential model = network(784, 256, 128, 10);
        Predictor predictor = model.predictor();
        float[] row = SeededArrays.uniform(2, DataType.FLOAT, 1, 784).data().asFloat();
        float[] batch = SeededArrays.uniform(3, DataType.FLOAT, 32, 784).data().asFloat();
        float[] output = new float[320];
        long[] rowCounts = count(() -> predictor.predictClass(row), 50);
        long[] batchCounts = count(() -> predictor.predict(batch, output), 20);
        assertEquals(0, rowCounts[0] + batchCounts[0], "ND4J operations");
        assertEquals(0, rowCounts[1] + batchCounts[1], "ND4J arrays and native objects");

        long[] oneOutput = count(() -> Nd4j.createUninitialized(DataType.FLOAT, 1, 10), 1);
        for (int rows : new int[] {1, 256}) {   // 256 × 784 inputs: above KernelPath's size limit
            INDArray input = SeededArrays.uniform(4, DataType.FLOAT, rows, 784);
            long[] predict = count(() -> model.predict(input), 1);
            assertEquals(0, predict[0], "ND4J operations of Sequential.predict, " + rows + " rows");
            assertEquals(oneOutput[1], predict[1], "native objects of Sequential.predict: those of its output");
        }
    }
}
