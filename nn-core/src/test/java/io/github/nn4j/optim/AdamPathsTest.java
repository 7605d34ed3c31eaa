package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.base.SeededArrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Adam's two implementations of its one formula: the Java pass over float vectors and ND4J's
 * {@code AdamUpdater} for everything else, against plain double arithmetic and each other; and
 * which arrays each accepts.
 */
class AdamPathsTest {

    private static float[] floats(INDArray a) {
        return a.dup().data().asFloat();
    }

    @Test
    void javaStepTakesThreeStepsOfTheTextbookFormulaOnFloatVectors() {
        double[] w = {0.5, -1.0, 2.0};
        double[] g = {0.1, -0.3, 0.0};
        double[] m = new double[3];
        double[] v = new double[3];
        INDArray values = Nd4j.createFromArray(new float[] {0.5f, -1.0f, 2.0f});
        INDArray gradients = Nd4j.createFromArray(new float[] {0.1f, -0.3f, 0.0f});
        INDArray mf = Nd4j.zeros(DataType.FLOAT, 3);
        INDArray vf = Nd4j.zeros(DataType.FLOAT, 3);
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        assertTrue(Adam.javaPath(values, gradients, mf, vf));
        for (int t = 1; t <= 3; t++) {
            Adam.javaStep(values, gradients, mf, vf, lr, b1, b2, eps, t);
            for (int i = 0; i < 3; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(w[i], values.getDouble(i), 1e-6, "w[" + i + "] after step " + t);
                assertEquals(m[i], mf.getDouble(i), 1e-7, "m[" + i + "] after step " + t);
                assertEquals(v[i], vf.getDouble(i), 1e-9, "v[" + i + "] after step " + t);
            }
        }
    }

    @Test
    void javaStepSplitsLongVectorsBetweenThreadsWithoutChangingTheResult() {
        int n = (1 << 15) + 3;
        INDArray g = SeededArrays.gaussian(1, DataType.FLOAT, n);
        INDArray w1 = SeededArrays.gaussian(2, DataType.FLOAT, n);
        INDArray w2 = w1.dup();
        Adam.javaStep(w1, g, Nd4j.zeros(DataType.FLOAT, n), Nd4j.zeros(DataType.FLOAT, n), 1e-3, 0.9, 0.999, 1e-8, 1);
        // The same update on a short copy of the tail, which one thread takes.
        INDArray tail = w2.get(NDArrayIndex.interval(n - 5, n)).dup();
        Adam.javaStep(tail, g.get(NDArrayIndex.interval(n - 5, n)).dup(), Nd4j.zeros(DataType.FLOAT, 5),
                Nd4j.zeros(DataType.FLOAT, 5), 1e-3, 0.9, 0.999, 1e-8, 1);
        assertArrayEquals(floats(tail), floats(w1.get(NDArrayIndex.interval(n - 5, n))), 0);
    }

    @Test
    void javaAndNativeStepsGiveTheSameUpdate() {
        int n = 5000;
        INDArray w = SeededArrays.gaussian(3, DataType.FLOAT, n);
        INDArray javaW = w.dup();
        INDArray nativeW = w.dup();
        INDArray javaM = Nd4j.zeros(DataType.FLOAT, n);
        INDArray javaV = Nd4j.zeros(DataType.FLOAT, n);
        INDArray nativeM = Nd4j.zeros(DataType.FLOAT, n);
        INDArray nativeV = Nd4j.zeros(DataType.FLOAT, n);
        INDArray update = Nd4j.zeros(DataType.FLOAT, n);
        for (int t = 1; t <= 3; t++) {
            INDArray g = SeededArrays.gaussian(10 + t, DataType.FLOAT, n);
            Adam.javaStep(javaW, g, javaM, javaV, 0.01, 0.9, 0.999, 1e-3, t);
            Adam.nativeStep(nativeW, g, nativeM, nativeV, update, 0.01, 0.9, 0.999, 1e-3, t);
        }
        assertArrayEquals(floats(nativeM), floats(javaM), 1e-6f);
        assertArrayEquals(floats(nativeV), floats(javaV), 1e-6f);
        assertArrayEquals(floats(nativeW), floats(javaW), 1e-5f);
        assertFalse(java.util.Arrays.equals(floats(w), floats(javaW)), "the steps moved the weights");
    }

    @Test
    void onlyFloatVectorsInOneContiguousBlockTakeTheJavaPath() {
        INDArray f = Nd4j.zeros(DataType.FLOAT, 8);
        assertTrue(Adam.javaPath(f, f, f, f));
        INDArray d = Nd4j.zeros(DataType.DOUBLE, 8);
        assertFalse(Adam.javaPath(d, d, d, d));
        INDArray everyOther = Nd4j.zeros(DataType.FLOAT, 16).get(NDArrayIndex.interval(0, 2, 16));
        assertFalse(Adam.javaPath(everyOther, f, f, f));
        // Reshaping this [4, 2] view with gaps into a vector copies it; the Java pass would then walk
        // the original buffer, gaps included.
        INDArray columns = Nd4j.zeros(DataType.FLOAT, 4, 3).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        assertFalse(Adam.javaPath(columns, f, f, f));
    }

    @Test
    void aStridedViewOfALongerVectorIsUpdatedInPlaceAndNothingAroundIt() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray backing = SeededArrays.gaussian(4, type, 16);
            INDArray view = backing.get(NDArrayIndex.interval(0, 2, 16));
            INDArray copy = view.dup();
            INDArray gradients = SeededArrays.gaussian(5, type, 8);
            INDArray untouched = backing.get(NDArrayIndex.interval(1, 2, 16)).dup();
            new Adam(0.1).step(new ParameterSet(view, gradients, List.of()));
            new Adam(0.1).step(new ParameterSet(copy, gradients.dup(), List.of()));
            assertEquals(copy, view, type.toString());
            assertEquals(untouched, backing.get(NDArrayIndex.interval(1, 2, 16)), type + ": elements between the view's");
        }
    }

    @Test
    void aMatrixViewWithGapsIsRejectedBeforeAnyStepCanWriteIntoTheGaps() {
        INDArray backing = SeededArrays.gaussian(6, DataType.FLOAT, 4, 3);
        INDArray before = backing.dup();
        INDArray columns = backing.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        INDArray gradients = SeededArrays.gaussian(7, DataType.FLOAT, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.1).step(new ParameterSet(columns, gradients, List.of())));
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
        assertEquals(before, backing);
    }
}
