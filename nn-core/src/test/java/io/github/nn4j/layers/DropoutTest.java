package io.github.nn4j.layers;

import io.github.nn4j.persist.ModelFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.SeededArrays;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutTest {

    private static final int ROWS = 500;
    private static final int COLUMNS = 400;   // 200,000 units

    @Test
    void keepsAboutOneMinusPOfTheUnitsAndPreservesTheExpectation() {
        double p = 0.3;
        Sequential model = new Sequential(new Dropout(p)).init(Initializer.zeros(), 11);
        INDArray input = Nd4j.valueArrayOf(new long[] {ROWS, COLUMNS}, 2.0f);
        INDArray output = model.forward(input, Mode.TRAIN);

        double n = ROWS * COLUMNS;
        double kept = output.neq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / n;
        double sigma = Math.sqrt(p * (1 - p) / n);                       // ≈ 0.001
        assertEquals(1 - p, kept, 5 * sigma, "keep rate");
        double mean = output.meanNumber().doubleValue();
        assertEquals(2.0, mean, 5 * 2.0 * sigma / (1 - p), "E[output] = input");
        // every kept unit is scaled by exactly 1/(1 − p)
        double max = output.maxNumber().doubleValue();
        double minKept = output.replaceWhere(Nd4j.valueArrayOf(output.shape(), 100f),
                org.nd4j.linalg.indexing.conditions.Conditions.equals(0)).minNumber().doubleValue();
        assertEquals(2.0 / (1 - p), max, 1e-5);
        assertEquals(2.0 / (1 - p), minKept, 1e-5);
    }

    @Test
    void evalIsTheIdentity() {
        Sequential model = new Sequential(new Dense(3, 3), new Dropout(0.5));
        INDArray x = SeededArrays.uniform(38, DataType.FLOAT, 4, 3);
        Dropout dropout = new Dropout(0.9);
        assertSame(x, dropout.forward(x, Mode.EVAL));
        INDArray before = model.layers().get(0).forward(x, Mode.EVAL);
        assertEquals(before, model.predict(x));
    }

    @Test
    void sameSeedGivesTheSameMaskAndAnotherSeedAnother() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 20, 30);
        Dropout a = new Dropout(0.5);
        Dropout b = new Dropout(0.5);
        new Sequential(a).init(Initializer.zeros(), 42);
        new Sequential(b).init(Initializer.zeros(), 42);
        INDArray maskA = a.forward(x, Mode.TRAIN).dup();
        assertEquals(maskA, b.forward(x, Mode.TRAIN));

        INDArray secondPass = a.forward(x, Mode.TRAIN).dup();
        assertFalse(maskA.equals(secondPass), "each TRAIN pass draws a new mask");

        a.seed(42 * 31);   // what Sequential.reseed(42) gives layer 0
        assertEquals(maskA, a.forward(x, Mode.TRAIN));

        Dropout c = new Dropout(0.5);
        new Sequential(c).init(Initializer.zeros(), 43);
        assertFalse(maskA.equals(c.forward(x, Mode.TRAIN)));
    }

    @Test
    void gradientIsZeroWhereUnitsWereDroppedAndScaledWhereKept() {
        Dropout dropout = new Dropout(0.25);
        new Sequential(dropout).init(Initializer.zeros(), 3, DataType.DOUBLE);
        INDArray x = SeededArrays.uniform(39, DataType.DOUBLE, 8, 16).addi(0.5);
        INDArray y = dropout.forward(x, Mode.TRAIN).dup();
        INDArray g = SeededArrays.uniform(40, DataType.DOUBLE, 8, 16);
        INDArray dx = dropout.backward(g);
        double[] output = y.data().asDouble();
        double[] upstream = g.data().asDouble();
        double[] gradient = dx.dup().data().asDouble();
        int dropped = 0;
        for (int i = 0; i < output.length; i++) {
            if (output[i] == 0) {
                dropped++;
                assertEquals(0.0, gradient[i], "entry " + i);
            } else {
                assertEquals(upstream[i] / 0.75, gradient[i], 1e-12, "entry " + i);
            }
        }
        assertTrue(dropped > 0, "some units dropped");
        assertArrayEquals(dropout.mask().dup().data().asDouble(), dropout.backward(Nd4j.ones(DataType.DOUBLE, 8, 16))
                .dup().data().asDouble(), 0.0);
    }

    @Test
    void modelWithDropoutPassesTheGradientCheck() {
        Sequential model = new Sequential(new Dense(3, 6), new Tanh(), new Dropout(0.4), new Dense(6, 2))
                .init(Initializer.xavierNormal(), 9, DataType.DOUBLE);
        INDArray x = Nd4j.create(new double[][] {{0.5, -1, 2}, {1.5, 0.2, -0.7}, {-0.3, 0.8, 0.1}});
        INDArray y = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}});
        GradientCheckResult result = GradientCheck.model(model, Loss.mse(), x, y);
        assertTrue(result.passed(1e-6), result.toString());
    }

    @Test
    void probabilityOutsideZeroToOneIsRejectedByName() {
        for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(p));
            assertTrue(e.getMessage().contains("p = " + p), e.getMessage());
        }
    }

    @Test
    void rebuildsFromItsConfigThroughTheLayerRegistry() {
        Dropout dropout = new Dropout(0.3);
        assertEquals(Map.of("p", 0.3), dropout.config());
        Layer rebuilt = LayerRegistry.create(dropout.typeName(), dropout.config());
        assertEquals(dropout.toString(), rebuilt.toString());
    }

    @Test
    void modelWithDropoutSavesAndLoads(@TempDir Path directory) throws IOException {
        Sequential model = new Sequential(new Dense(3, 4), new ReLU(), new Dropout(0.25), new Dense(4, 2))
                .init(Initializer.he(), 4);
        Path file = directory.resolve("dropout.nn4j");
        ModelFile.write(file, model);
        Sequential loaded = ModelFile.read(file);
        assertEquals("Dropout(p=0.25)", loaded.layers().get(2).toString());
        INDArray x = SeededArrays.uniform(41, DataType.FLOAT, 5, 3);
        assertEquals(model.predict(x), loaded.predict(x));
    }

    @Test
    void zeroProbabilityKeepsEverything() {
        Dropout dropout = new Dropout(0);
        new Sequential(dropout);
        INDArray x = SeededArrays.uniform(42, DataType.FLOAT, 5, 7);
        assertEquals(x, dropout.forward(x, Mode.TRAIN));
    }

    @Test
    void backwardBeforeATrainingPassIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Dropout(0.5).backward(Nd4j.ones(DataType.FLOAT, 2, 2)));
        assertTrue(e.getMessage().contains("TRAIN"), e.getMessage());
    }
}
