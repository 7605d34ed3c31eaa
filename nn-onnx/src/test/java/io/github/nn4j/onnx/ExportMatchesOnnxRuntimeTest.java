package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sign;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Step;
import io.github.nn4j.model.Sequential;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every layer type, exported and run in ONNX Runtime, gives nn4j's {@code predict} within
 * float32 tolerance (float64 models: within 1e-7). The largest difference per layer type is
 * printed at the end.
 */
class ExportMatchesOnnxRuntimeTest {

    /** float32 tolerance: a few units in the last place of outputs of order 1. */
    static final double FLOAT_TOLERANCE = 1e-5;
    /**
     * float64 models: 1e-7, since ONNX's LeakyRelu alpha is a float32 attribute (0.01 differs from
     * nn4j's double slope by 2e-10, a relative 2e-8); every other layer type agrees to ~1e-15.
     */
    static final double DOUBLE_TOLERANCE = 1e-7;

    private static final Map<String, Double> LARGEST = new ConcurrentHashMap<>();

    static Iterable<LayerCases.Case> cases() {
        return LayerCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32ModelOfEachLayerTypeMatchesOnnxRuntime(LayerCases.Case c) throws Exception {
        double difference = compare(LayerCases.model(c, DataType.FLOAT, 11), DataType.FLOAT);
        LARGEST.merge("float32 " + c.label(), difference, Math::max);
        assertTrue(difference <= FLOAT_TOLERANCE, c + ": ONNX Runtime differs from nn4j by " + difference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64ModelOfEachLayerTypeMatchesOnnxRuntime(LayerCases.Case c) throws Exception {
        // ONNX Runtime's CPU provider implements Elu and Softplus for float32 only; those float64
        // exports are checked by the round trip instead.
        org.junit.jupiter.api.Assumptions.assumeFalse(c.label().contains("elu") && !c.label().contains("relu")
                || c.label().equals("softplus"), "ONNX Runtime has no float64 " + c.label());
        double difference = compare(LayerCases.model(c, DataType.DOUBLE, 12), DataType.DOUBLE);
        LARGEST.merge("float64 " + c.label(), difference, Math::max);
        assertTrue(difference <= DOUBLE_TOLERANCE, c + ": ONNX Runtime differs from nn4j by " + difference);
    }

    @Test
    void stepAndSignGiveNn4jsValuesAtZeroAndNegativeZero() throws Exception {
        INDArray x = Nd4j.create(new float[][] {{0f, -0f, 1e-30f, -1e-30f, 3f, -3f}});
        for (Sequential model : new Sequential[] {new Sequential(new Step()), new Sequential(new Sign())}) {
            try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(model))) {
                float[] expected = model.predict(x).toFloatVector();
                assertArrayEquals(expected, runtime.run(x).toFloatVector(), 0f, model.toString());
            }
        }
        assertArrayEquals(new float[] {1, 1, 1, 0, 1, 0}, new Sequential(new Step()).predict(x).toFloatVector());
    }

    @Test
    void modelWithoutDenseLayerHasSymbolicFeatureWidth() throws Exception {
        Sequential model = new Sequential(new Softmax());
        INDArray x = TestArrays.gaussian(5, 3, 9, 3.0, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(model))) {
            assertTrue(TestArrays.maxDifference(model.predict(x), runtime.run(x)) <= FLOAT_TOLERANCE);
        }
    }

    @Test
    void batchDimensionIsDynamic() throws Exception {
        Sequential model = new Sequential(new Dense(4, 8), new ReLU(), new Dense(8, 2));
        try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(model))) {
            for (int batch : new int[] {1, 7, 300}) {
                INDArray x = TestArrays.gaussian(batch, batch, 4, 1.0, DataType.FLOAT);
                INDArray y = runtime.run(x);
                assertArrayEquals(new long[] {batch, 2}, y.shape());
                assertTrue(TestArrays.maxDifference(model.predict(x), y) <= FLOAT_TOLERANCE);
            }
        }
    }

    /** The largest absolute difference between ONNX Runtime and nn4j over three seeded batches. */
    private static double compare(Sequential model, DataType type) throws Exception {
        double largest = 0;
        try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(model))) {
            for (long seed = 1; seed <= 3; seed++) {
                INDArray x = LayerCases.inputs(seed, 64, type);
                largest = Math.max(largest, TestArrays.maxDifference(model.predict(x), runtime.run(x)));
            }
        }
        return largest;
    }

    @AfterAll
    static void printLargestDifferences() {
        System.out.println("Largest |ONNX Runtime - nn4j| per layer type (models layer-Dense-layer-Dense):");
        new TreeMap<>(LARGEST).forEach((label, value) -> System.out.printf("  %-32s %.3g%n", label, value));
    }
}
