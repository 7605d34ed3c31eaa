package io.github.nn4j.model;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.SeededArrays;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequentialTest {

    @Test
    void mismatchedLayerSizesAreRejectedAtConstructionNamingBothLayers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(4, 8), new ReLU(), new Dense(6, 2)));
        assertTrue(e.getMessage().contains("layer 2 Dense(6→2) expects 6")
                && e.getMessage().contains("layer 0 Dense(4→8) outputs 8"), e.getMessage());
    }

    @Test
    void parametersAreNamedByLayerTypeAndIndex() {
        Sequential model = new Sequential(new Dense(3, 4), new Tanh(), new Dense(4, 2));
        List<String> names = model.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("dense0.W", "dense0.b", "dense1.W", "dense1.b"), names);
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, model.parameterCount());
        assertEquals(3, model.inputSize());
        assertEquals(2, model.outputSize());
        assertArrayEquals(new long[] {3, 4}, model.parameterSet().get("dense0.W").value().shape());
    }

    @Test
    void parametersAreViewsIntoOneFlatBuffer() {
        Sequential model = new Sequential(new Dense(2, 2), new Dense(2, 1));
        model.parameterSet().get("dense1.W").value().assign(7.0);
        INDArray flat = model.parameterSet().values();
        assertEquals(9, flat.length());
        assertEquals(7.0, flat.getDouble(6), 0);
        assertEquals(7.0, flat.getDouble(7), 0);
        flat.putScalar(8, 3.0);
        assertEquals(3.0, model.parameterSet().get("dense1.b").value().getDouble(0), 0);
    }

    @Test
    void settingWeightsByHandChangesThePrediction() {
        Sequential model = new Sequential(new Dense(2, 1));
        model.parameters().get(0).value().assign(Nd4j.create(new float[][] {{2}, {-1}}));
        model.parameters().get(1).value().assign(0.5);
        assertEquals(2 * 3 - 1 * 4 + 0.5, model.predict(Nd4j.create(new float[][] {{3, 4}})).getDouble(0), 1e-6);
    }

    @Test
    void sameSeedGivesBitwiseTheSameWeightsAndOtherSeedsDiffer() {
        Sequential a = new Sequential(new Dense(20, 30), new ReLU(), new Dense(30, 5)).init(Initializer.he(), 42);
        Sequential b = new Sequential(new Dense(20, 30), new ReLU(), new Dense(30, 5)).init(Initializer.he(), 42);
        Sequential c = new Sequential(new Dense(20, 30), new ReLU(), new Dense(30, 5)).init(Initializer.he(), 43);
        assertEquals(a.parameterSet().values(), b.parameterSet().values());
        assertNotEquals(a.parameterSet().values(), c.parameterSet().values());
    }

    @Test
    void biasesStartAtZero() {
        Sequential model = new Sequential(new Dense(5, 5)).init(Initializer.gaussian(1.0), 1);
        assertEquals(0.0, model.parameterSet().get("dense0.b").value().sumNumber().doubleValue(), 0);
    }

    @Test
    void wholeModelPassesTheGradientCheck() {
        Sequential model = new Sequential(new Dense(4, 6), new Tanh(), new Dense(6, 5), new Sigmoid(), new Dense(5, 3))
                .init(Initializer.xavierNormal(), 5, DataType.DOUBLE);
        INDArray x = SeededArrays.gaussian(31, DataType.DOUBLE, 3, 4);
        INDArray labels = Nd4j.create(new double[] {0, 2, 1});
        GradientCheckResult result = GradientCheck.model(model, Loss.softmaxCrossEntropy(), x, labels);
        assertTrue(result.passed(1e-7), result.toString());
    }

    @Test
    void softmaxOutputWithCategoricalCrossEntropyPassesTheGradientCheck() {
        Sequential model = new Sequential(new Dense(3, 4), new Softmax()).init(Initializer.xavierNormal(), 2,
                DataType.DOUBLE);
        INDArray x = SeededArrays.gaussian(32, DataType.DOUBLE, 2, 3);
        INDArray y = Nd4j.create(new double[][] {{0, 1, 0, 0}, {0, 0, 0, 1}});
        assertTrue(GradientCheck.model(model, Loss.categoricalCrossEntropy(), x, y).passed(1e-7));
    }

    @Test
    void nanOrInfiniteFeaturesAreAClearError() {
        Sequential model = new Sequential(new Dense(2, 1));
        INDArray x = Nd4j.create(new float[][] {{1, Float.NaN}, {Float.POSITIVE_INFINITY, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(x));
        assertTrue(e.getMessage().contains("2 NaN or infinite"), e.getMessage());
    }

    @Test
    void emptyBatchAndWrongRankAreClearErrors() {
        Sequential model = new Sequential(new Dense(2, 1));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.create(DataType.FLOAT, 0, 2)));
        assertTrue(empty.getMessage().contains("empty batch"), empty.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.create(new float[] {1, 2})));
        assertTrue(rank.getMessage().contains("[batch, 2]"), rank.getMessage());
    }

    @Test
    void backwardSkipsTheFirstLayersInputGradientUnlessAsked() {
        Sequential model = new Sequential(new Dense(2, 2));
        model.forward(Nd4j.ones(DataType.FLOAT, 1, 2), Mode.TRAIN);
        assertNull(model.backward(Nd4j.ones(DataType.FLOAT, 1, 2), false));
        assertArrayEquals(new long[] {1, 2}, model.backward(Nd4j.ones(DataType.FLOAT, 1, 2), true).shape());
    }

    @Test
    void doubleInputIsConvertedForAFloatModel() {
        Sequential model = new Sequential(new Dense(2, 1));
        assertEquals(DataType.FLOAT, model.predict(Nd4j.ones(DataType.DOUBLE, 1, 2)).dataType());
    }
    @Test
    void theSameLayerObjectTwiceIsRejectedNamingBothPositions() {
        ReLU relu = new ReLU();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(2, 3), relu, new Dense(3, 3), relu));
        assertTrue(e.getMessage().contains("layer 3 ReLU()") && e.getMessage().contains("same object as layer 1"),
                e.getMessage());
    }

    @Test
    void aLayerOfAnotherModelIsRejected() {
        Dense shared = new Dense(2, 3);
        new Sequential(shared, new Tanh());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new ReLU(), shared));
        assertTrue(e.getMessage().contains("layer 1 Dense(2→3)") && e.getMessage().contains("another Sequential"),
                e.getMessage());
    }

    @Test
    void aModelThatFailsToBuildLeavesItsLayersFree() {
        Dense first = new Dense(2, 3);
        assertThrows(IllegalArgumentException.class, () -> new Sequential(first, new Dense(4, 1)));
        Sequential model = new Sequential(first, new Dense(3, 1));
        assertEquals(2, model.layers().size());
        Dense twice = new Dense(1, 1);
        assertThrows(IllegalArgumentException.class, () -> new Sequential(twice, twice));
        assertEquals(1, new Sequential(twice).layers().size());
    }
}
