package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchNormTest {

    /** Dense → BatchNorm → Tanh → Dense in DOUBLE, with γ and β away from their starting 1 and 0. */
    static Sequential mlp(long seed) {
        Sequential model = new Sequential(new Dense(3, 4), new BatchNorm(4), new Tanh(), new Dense(4, 2))
                .init(Initializer.xavierNormal(), seed, DataType.DOUBLE);
        model.parameterSet().get("batch_norm0.gamma").value().assign(SeededArrays.uniform(seed, DataType.DOUBLE, 1, 4)
                .addi(0.5));
        model.parameterSet().get("batch_norm0.beta").value().assign(SeededArrays.gaussian(seed + 1, DataType.DOUBLE,
                1, 4));
        return model;
    }

    @Test
    void backwardMatchesCentralDifferencesAloneAndInAModel() {
        GradientCheckResult alone = GradientCheck.layer(new BatchNorm(5),
                SeededArrays.gaussian(3, DataType.DOUBLE, 7, 5).muli(2).addi(1), 4);
        assertTrue(alone.passed(1e-6), alone.toString());
        GradientCheckResult inModel = GradientCheck.model(mlp(5), Loss.mse(), SeededArrays.gaussian(6, DataType.DOUBLE,
                6, 3), SeededArrays.gaussian(7, DataType.DOUBLE, 6, 2));
        assertTrue(inModel.passed(1e-6), inModel.toString());
    }

    @Test
    void theJavaLoopsAndNd4jsOperationsComputeTheSameInFloat() {
        // The same float numbers once as a dense block (the Java loops) and once as a view with gaps (ND4J).
        INDArray wide = SeededArrays.gaussian(8, DataType.FLOAT, 9, 12).muli(3).addi(1);
        INDArray dense = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6)).dup();
        INDArray strided = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 12));
        strided.assign(dense);
        INDArray gradient = SeededArrays.gaussian(9, DataType.FLOAT, 9, 6);
        float[][] results = new float[2][];
        int k = 0;
        for (INDArray input : List.of(dense, strided)) {
            Sequential model = new Sequential(new BatchNorm(6)).init(Initializer.zeros(), 0);
            model.parameterSet().get("batch_norm0.gamma").value().assign(SeededArrays.uniform(10, DataType.FLOAT, 1, 6));
            INDArray y = model.forward(input, Mode.TRAIN).dup();
            INDArray dx = model.backward(gradient, true).dup();
            INDArray eval = model.predict(input);
            results[k++] = concat(y, dx, model.parameterSet().gradients(), model.parameterSet().states(), eval);
        }
        assertArrayEquals(results[0], results[1], 2e-6f);
    }

    private static float[] concat(INDArray... arrays) {
        return org.nd4j.linalg.factory.Nd4j.toFlattened(arrays).data().asFloat();
    }

    @Test
    void trainingUpdatesTheRunningStatisticsAndInferenceUsesThem() {
        Sequential model = new Sequential(new BatchNorm(2)).init(Initializer.zeros(), 0, DataType.DOUBLE);
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(new double[][] {{1, 10}, {3, 10}, {5, 16}});
        INDArray y = model.forward(x, Mode.TRAIN);
        // μ = (3, 12); biased σ² = (8/3, 8); unbiased (4, 12); running = 0.9·(0, 1) + 0.1·(μ, unbiased σ²).
        double inv = 1 / Math.sqrt(8.0 / 3 + 1e-5);
        assertArrayEquals(new double[] {-2 * inv, 0, 2 * inv}, y.getColumn(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0.3, 1.2}, model.states().get(0).value().toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {0.9 + 0.4, 0.9 + 1.2}, model.states().get(1).value().toDoubleVector(), 1e-15);
        INDArray eval = model.predict(x);
        assertEquals((1 - 0.3) / Math.sqrt(1.3 + 1e-5), eval.getDouble(0, 0), 1e-12);
        model.predict(x);
        assertArrayEquals(new double[] {0.3, 1.2}, model.states().get(0).value().toDoubleVector(), 1e-15,
                "inference leaves the running statistics alone");
    }

    @Test
    void trainingOnOneRowIsRefusedNamingTheLayer() {
        Sequential model = new Sequential(new Dense(3, 2), new BatchNorm(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(SeededArrays.gaussian(1, DataType.FLOAT, 1, 3), Mode.TRAIN));
        assertTrue(e.getMessage().startsWith("BatchNorm(2) needs at least 2 rows per batch in training"), e.getMessage());
        assertEquals(1, model.predict(SeededArrays.gaussian(1, DataType.FLOAT, 1, 3)).rows(), "inference takes one row");
    }

    @Test
    void declaresScaleBiasAndTwoStateRowsWithPyTorchsStartingValues() {
        Sequential model = new Sequential(new BatchNorm(3)).init(Initializer.he(), 1);
        assertEquals(List.of(ParameterKind.SCALE, ParameterKind.BIAS),
                model.parameters().stream().map(p -> p.kind()).toList());
        assertEquals(List.of("batch_norm0.running_mean", "batch_norm0.running_var"),
                model.states().stream().map(p -> p.name()).toList());
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0}, model.parameterSet().values().toFloatVector());
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1}, model.parameterSet().states().toFloatVector());
        assertEquals(6, model.parameterCount(), "running statistics are not parameters");
    }

    @Test
    void settingsRoundTripThroughTheRegistryAndBadOnesAreRefused() {
        BatchNorm layer = new BatchNorm(8, 1e-3, 0.2);
        assertEquals(Map.of("features", 8, "eps", 1e-3, "momentum", 0.2), layer.config());
        assertEquals("BatchNorm(8, eps=0.001, momentum=0.2)", LayerRegistry.copy(layer).toString());
        assertEquals("BatchNorm(8)", LayerRegistry.copy(new BatchNorm(8)).toString());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(2, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(2, 1e-5, 1.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(3, 4), new BatchNorm(5)));
        assertTrue(e.getMessage().contains("BatchNorm(5)"), e.getMessage());
    }

    @Test
    void aSecondInitResetsTheRunningStatistics() {
        Sequential model = mlp(1);
        model.forward(SeededArrays.gaussian(2, DataType.DOUBLE, 4, 3), Mode.TRAIN);
        assertNotEquals(0.0, model.states().get(0).value().amaxNumber().doubleValue());
        model.init(Initializer.he(), 1);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 1, 1, 1}, model.parameterSet().states().toDoubleVector());
    }
}
