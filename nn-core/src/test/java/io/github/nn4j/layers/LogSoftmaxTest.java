package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class LogSoftmaxTest {

    @Test
    void isTheLogarithmOfSoftmax() {
        INDArray z = SeededArrays.gaussian(1, DataType.DOUBLE, 4, 5).muli(3);
        INDArray expected = Transforms.log(new Sequential(new Softmax()).init(Initializer.zeros(), 0, DataType.DOUBLE)
                .predict(z), false);
        INDArray actual = new Sequential(new LogSoftmax()).init(Initializer.zeros(), 0, DataType.DOUBLE).predict(z);
        assertArrayEquals(expected.data().asDouble(), actual.data().asDouble(), 1e-14);
    }

    @Test
    void isStableForLogitsOfPlusMinusThousand() {
        INDArray z = Nd4j.create(new float[][] {{1000, -1000, 0}, {-1000, -1000, -1000}});
        INDArray y = new Sequential(new LogSoftmax()).predict(z);
        assertFalse(y.isNaN().any() || y.isInfinite().any(), y.toString());
        float third = (float) -Math.log(3);
        assertArrayEquals(new float[] {0, -2000, -1000, third, third, third}, y.data().asFloat(), 1e-3f);
    }

    @Test
    void backwardMatchesCentralDifferencesForAGeneralUpstreamGradient() {
        GradientCheckResult result = GradientCheck.layer(new LogSoftmax(), SeededArrays.gaussian(43, DataType.DOUBLE,
                3, 5), 11);
        assertTrue(result.passed(1e-7), result.toString());
    }

    @Test
    void theJavaLoopsAndNd4jsOperationsComputeTheSameInFloat() {
        INDArray wide = SeededArrays.gaussian(8, DataType.FLOAT, 5, 8).muli(4);
        INDArray dense = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)).dup();
        INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 8));
        strided.assign(dense);
        INDArray gradient = SeededArrays.gaussian(9, DataType.FLOAT, 5, 4);
        float[][] results = new float[2][];
        int k = 0;
        for (INDArray input : List.of(dense, strided)) {
            Sequential model = new Sequential(new LogSoftmax());
            INDArray y = model.forward(input, Mode.TRAIN).dup();
            results[k++] = Nd4j.toFlattened(y, model.backward(gradient, true)).data().asFloat();
        }
        assertArrayEquals(results[0], results[1], 2e-6f);
    }
}
