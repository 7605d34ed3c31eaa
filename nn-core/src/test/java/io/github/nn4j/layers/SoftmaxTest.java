package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.SeededArrays;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.model.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxTest {

    @Test
    void matchesTheClosedFormAndRowsSumToOne() {
        INDArray z = Nd4j.create(new double[][] {{1, 2, 3}, {0, 0, 0}});
        double[] out = new Sequential(new Softmax()).init(Initializer.zeros(), 0, DataType.DOUBLE).predict(z).data().asDouble();
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum,
                1 / 3.0, 1 / 3.0, 1 / 3.0}, out, 1e-12);
    }

    @Test
    void isStableForLogitsOfPlusMinusThousand() {
        INDArray z = Nd4j.create(new float[][] {{1000, -1000, 0}, {-1000, -1000, -1000}, {1000, 1000, -1000}});
        INDArray p = new Sequential(new Softmax()).predict(z);
        assertFalse(p.isNaN().any() || p.isInfinite().any(), p.toString());
        assertArrayEquals(new float[] {1, 1, 1}, p.sum(1).data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {1, 0, 0, 1 / 3f, 1 / 3f, 1 / 3f, 0.5f, 0.5f, 0}, p.data().asFloat(), 1e-6f);
    }

    @Test
    void backwardMatchesCentralDifferencesForAGeneralUpstreamGradient() {
        GradientCheckResult result = GradientCheck.layer(new Softmax(), SeededArrays.gaussian(43, DataType.DOUBLE, 3, 5), 11);
        assertTrue(result.passed(1e-7), result.toString());
    }

    @Test
    void outputShapeEqualsInputShape() {
        assertEquals(7, new Softmax().outputSize(7));
    }
}
