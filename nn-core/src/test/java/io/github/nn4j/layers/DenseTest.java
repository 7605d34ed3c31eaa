package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.SeededArrays;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.model.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenseTest {

    @Test
    void forwardComputesXWPlusBByHand() {
        Dense dense = new Dense(2, 3);
        Sequential model = new Sequential(dense);
        dense.weights().assign(Nd4j.create(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        dense.bias().assign(Nd4j.create(new float[][] {{0.5f, -1, 0}}));
        INDArray out = model.predict(Nd4j.create(new float[][] {{1, 1}, {2, -1}}));
        // row 1: [1+4, 2+5, 3+6] + b = [5.5, 6, 9]; row 2: [2-4, 4-5, 6-6] + b = [-1.5, -2, 0]
        assertArrayEquals(new float[] {5.5f, 6, 9, -1.5f, -2, 0}, out.data().asFloat(), 1e-6f);
    }

    @Test
    void backwardGivesXTransposeG_RowSumOfG_AndGWTransposeByHand() {
        Dense dense = new Dense(2, 2);
        Sequential model = new Sequential(dense);
        dense.weights().assign(Nd4j.create(new float[][] {{1, 2}, {3, 4}}));
        INDArray x = Nd4j.create(new float[][] {{1, 2}, {3, 4}});
        model.forward(x, Mode.TRAIN);
        INDArray g = Nd4j.create(new float[][] {{1, 0}, {0, 1}});
        INDArray dx = model.backward(g, true);
        // dW = Xᵀ·G = Xᵀ = [[1,3],[2,4]]; db = [1, 1]; dX = G·Wᵀ = Wᵀ = [[1,3],[2,4]]
        assertArrayEquals(new float[] {1, 3, 2, 4}, model.parameters().get(0).gradient().dup().data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {1, 1}, model.parameters().get(1).gradient().dup().data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {1, 3, 2, 4}, dx.dup().data().asFloat(), 1e-6f);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        INDArray x = SeededArrays.gaussian(37, DataType.DOUBLE, 4, 3);
        GradientCheckResult result = GradientCheck.layer(new Dense(3, 5), x, 7);
        assertTrue(result.passed(1e-7), result.toString());
    }

    @Test
    void wrongFeatureCountNamesLayerAndShapes() {
        Sequential model = new Sequential(new Dense(784, 256));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.zeros(DataType.FLOAT, 32, 785)));
        assertTrue(e.getMessage().contains("Dense(784→256)") && e.getMessage().contains("[32, 785]")
                && e.getMessage().contains("[batch, 784]"), e.getMessage());
    }

    @Test
    void backwardBeforeTrainingForwardIsAClearError() {
        Dense dense = new Dense(2, 2);
        new Sequential(dense);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dense.backward(Nd4j.zeros(DataType.FLOAT, 1, 2)));
        assertTrue(e.getMessage().contains("TRAIN"), e.getMessage());
    }

    @Test
    void unboundLayerSaysItNeedsAModel() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Dense(2, 2).forward(Nd4j.zeros(DataType.FLOAT, 1, 2), Mode.EVAL));
        assertTrue(e.getMessage().contains("Sequential"), e.getMessage());
    }

    @Test
    void nonPositiveSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Dense(3, -1));
    }
}
