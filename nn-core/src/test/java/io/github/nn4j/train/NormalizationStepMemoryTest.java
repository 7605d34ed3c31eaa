package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.testing.NativeMemory;
import io.github.nn4j.testing.SeededArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Once warm, a training step through BatchNorm, LayerNorm and LogSoftmax with the negative
 * log-likelihood allocates no off-heap memory: every buffer is reused, on the Java loops of small
 * float batches and on ND4J's operations (double precision) alike.
 */
class NormalizationStepMemoryTest {

    @Test
    void warmTrainingStepsAllocateNoOffHeapMemory() throws Exception {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Sequential model = new Sequential(new Dense(20, 32), new BatchNorm(32), new ReLU(), new Dense(32, 16),
                    new LayerNorm(16), new ReLU(), new Dense(16, 4), new LogSoftmax()).init(Initializer.he(), 1, type);
            TrainingStep step = new TrainingStep(model, Loss.negativeLogLikelihood(), new Sgd(0.01), null, null, null);
            INDArray x = SeededArrays.gaussian(2, type, 32, 20);
            INDArray y = Nd4j.zeros(type, 32, 4);
            for (int i = 0; i < 32; i++) {
                y.putScalar(i, i % 4, 1.0);
            }
            for (int s = 0; s < 3; s++) {
                step.computeGradients(x, y, 32);
                step.applyUpdate(1);
            }
            NativeMemory.withBudget(0, () -> {
                for (int s = 0; s < 20; s++) {
                    step.computeGradients(x, y, 32);
                    step.applyUpdate(1);
                }
            });
            assertTrue(Double.isFinite(model.parameterSet().states().sumNumber().doubleValue()), type.toString());
        }
    }
}
