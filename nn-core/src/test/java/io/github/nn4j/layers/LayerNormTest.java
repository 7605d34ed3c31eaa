package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LayerNormTest {

    @Test
    void backwardMatchesCentralDifferencesAloneAndInAModel() {
        GradientCheckResult alone = GradientCheck.layer(new LayerNorm(6),
                SeededArrays.gaussian(3, DataType.DOUBLE, 4, 6).muli(2).addi(1), 4);
        assertTrue(alone.passed(1e-6), alone.toString());
        Sequential model = new Sequential(new Dense(3, 5), new LayerNorm(5), new Tanh(), new Dense(5, 2))
                .init(Initializer.xavierNormal(), 2, DataType.DOUBLE);
        model.parameterSet().get("layer_norm0.gamma").value().assign(SeededArrays.uniform(4, DataType.DOUBLE, 1, 5)
                .addi(0.5));
        model.parameterSet().get("layer_norm0.beta").value().assign(SeededArrays.gaussian(5, DataType.DOUBLE, 1, 5));
        GradientCheckResult inModel = GradientCheck.model(model, Loss.mse(),
                SeededArrays.gaussian(6, DataType.DOUBLE, 3, 3), SeededArrays.gaussian(7, DataType.DOUBLE, 3, 2));
        assertTrue(inModel.passed(1e-6), inModel.toString());
    }

    @Test
    void theJavaLoopsAndNd4jsOperationsComputeTheSameInFloat() {
        INDArray wide = SeededArrays.gaussian(8, DataType.FLOAT, 5, 14).muli(3).addi(1);
        INDArray dense = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 7)).dup();
        INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 14));
        strided.assign(dense);
        INDArray gradient = SeededArrays.gaussian(9, DataType.FLOAT, 5, 7);
        float[][] results = new float[2][];
        int k = 0;
        for (INDArray input : List.of(dense, strided)) {
            Sequential model = new Sequential(new LayerNorm(7)).init(Initializer.zeros(), 0);
            model.parameterSet().get("layer_norm0.gamma").value().assign(SeededArrays.uniform(10, DataType.FLOAT, 1, 7));
            INDArray y = model.forward(input, Mode.TRAIN).dup();
            INDArray dx = model.backward(gradient, true).dup();
            results[k++] = Nd4j.toFlattened(y, dx, model.parameterSet().gradients(), model.predict(input))
                    .data().asFloat();
        }
        assertArrayEquals(results[0], results[1], 2e-6f);
    }

    @Test
    void eachRowIsNormalizedOnItsOwnInTrainingAndInference() {
        Sequential model = new Sequential(new LayerNorm(3)).init(Initializer.zeros(), 0, DataType.DOUBLE);
        INDArray x = Nd4j.create(new double[][] {{1, 2, 3}, {10, 10, 40}});
        // Row 1: μ = 2, σ² = 2/3; row 2: μ = 20, σ² = 200.
        double a = 1 / Math.sqrt(2.0 / 3 + 1e-5);
        double b = 1 / Math.sqrt(200 + 1e-5);
        double[] expected = {-a, 0, a, -10 * b, -10 * b, 20 * b};
        assertArrayEquals(expected, model.forward(x, Mode.TRAIN).dup().data().asDouble(), 1e-12);
        assertArrayEquals(expected, model.predict(x).data().asDouble(), 1e-12);
        assertArrayEquals(new double[] {-a, 0, a}, model.predict(x.getRow(0, true)).data().asDouble(), 1e-12,
                "one row alone gives the same");
        assertTrue(model.states().isEmpty());
    }

    @Test
    void settingsRoundTripThroughTheRegistryAndBadOnesAreRefused() {
        assertEquals(Map.of("features", 4, "eps", 1e-6), new LayerNorm(4, 1e-6).config());
        assertEquals("LayerNorm(4, eps=1.0E-6)", LayerRegistry.copy(new LayerNorm(4, 1e-6)).toString());
        assertEquals("LayerNorm(4)", LayerRegistry.copy(new LayerNorm(4)).toString());
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(0));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3, -1));
    }
}
