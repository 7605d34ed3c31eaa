package io.github.nn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.Sequential;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each kernel's Java loop (small float arrays) against ND4J's operation (the same numbers in
 * double, which always take the ND4J path) and against the closed form.
 */
class KernelsTest {

    private static final INDArray Z = Nd4j.create(new double[][] {{-1.5, 0.25, 3}, {2, -0.5, 0}});

    private static float[] floats(INDArray a) {
        return a.dup().data().asFloat();
    }

    @Test
    void javaPathIsTakenOnlyForSmallDenseFloatArrays() {
        assertTrue(KernelPath.javaPath(Nd4j.zeros(DataType.FLOAT, 32, 128)));
        assertFalse(KernelPath.javaPath(Nd4j.zeros(DataType.DOUBLE, 32, 128)));
        assertFalse(KernelPath.javaPath(Nd4j.zeros(DataType.FLOAT, 512, 2048)));
        assertFalse(KernelPath.javaPath(Nd4j.zeros(DataType.FLOAT, 4, 6).get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3))));
        assertTrue(KernelPath.javaPath(Nd4j.zeros(DataType.FLOAT, 4, 6).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3), org.nd4j.linalg.indexing.NDArrayIndex.all())));
    }

    @Test
    void addRowVectorAddsTheRowToEveryRowOnBothPaths() {
        INDArray bias = Nd4j.create(new double[][] {{1, 2, 3}});
        float[] expected = {-0.5f, 2.25f, 6, 3, 1.5f, 3};
        INDArray f = Z.castTo(DataType.FLOAT);
        BiasKernels.addRowVector(f, bias.castTo(DataType.FLOAT));
        INDArray d = Z.dup();
        BiasKernels.addRowVector(d, bias);
        assertArrayEquals(expected, floats(f), 0);
        assertArrayEquals(expected, floats(d), 0);
    }

    @Test
    void columnSumsSumEveryColumnOnBothPaths() {
        float[] expected = {0.5f, -0.25f, 3};
        INDArray f = Nd4j.create(DataType.FLOAT, 1, 3);
        BiasKernels.columnSums(Z.castTo(DataType.FLOAT), f);
        INDArray d = Nd4j.create(DataType.DOUBLE, 1, 3);
        BiasKernels.columnSums(Z, d);
        assertArrayEquals(expected, floats(f), 0);
        assertArrayEquals(expected, floats(d), 0);
    }

    @Test
    void kernelsWriteIntoParameterViewsAtTheirOffset() {
        Sequential model = new Sequential(new Dense(2, 3), new Dense(3, 3));
        INDArray bias = model.parameterSet().get("dense1.b").gradient();
        BiasKernels.columnSums(Z.castTo(DataType.FLOAT), bias);
        INDArray flat = model.parameterSet().gradients();
        long offset = 2 * 3 + 3 + 3 * 3;
        assertEquals(0.5f, flat.getFloat(offset), 0);
        assertEquals(3f, flat.getFloat(offset + 2), 0);
        assertEquals(0f, flat.getFloat(offset - 1), 0);
        INDArray sums = Nd4j.create(DataType.FLOAT, 1, 3);
        BiasKernels.addRowVector(sums, bias);
        assertArrayEquals(new float[] {0.5f, -0.25f, 3}, floats(sums), 0);
    }

    @Test
    void reluAndItsBackwardMatchTheClosedFormOnBothPaths() {
        INDArray g = Nd4j.create(new double[][] {{10, 20, 30}, {40, 50, 60}});
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = Z.castTo(type);
            INDArray a = Nd4j.create(type, 2, 3);
            ReluKernels.relu(z, a);
            assertArrayEquals(new float[] {0, 0.25f, 3, 2, 0, 0}, floats(a), 0, type.toString());
            INDArray d = Nd4j.create(type, 2, 3);
            ReluKernels.reluBackward(z, g.castTo(type), d);
            assertArrayEquals(new float[] {0, 20, 30, 40, 0, 0}, floats(d), 0, type.toString());
        }
    }

    @Test
    void softmaxCrossEntropyGradientIsSoftmaxMinusTargetsOverRowsOnBothPaths() {
        INDArray y = Nd4j.create(new double[][] {{0, 0, 1}, {1, 0, 0}});
        float[] expected = floats(Transforms.softmax(Z, true).subi(y).divi(2));
        INDArray f = Nd4j.create(DataType.FLOAT, 2, 3);
        SoftmaxKernels.softmaxCrossEntropyGradient(Z.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), f);
        INDArray d = Nd4j.create(DataType.DOUBLE, 2, 3);
        SoftmaxKernels.softmaxCrossEntropyGradient(Z, y, d);
        assertArrayEquals(expected, floats(f), 1e-7f);
        assertArrayEquals(expected, floats(d), 1e-7f);
    }

    @Test
    void softmaxCrossEntropyGradientIsStableForHugeLogits() {
        INDArray z = Nd4j.create(new float[][] {{1000, -1000}});
        INDArray g = Nd4j.create(DataType.FLOAT, 1, 2);
        SoftmaxKernels.softmaxCrossEntropyGradient(z, Nd4j.create(new float[][] {{0, 1}}), g);
        assertArrayEquals(new float[] {1, -1}, floats(g), 0);
    }

    @Test
    void largeFloatArraysTakeTheNd4jPathWithTheSameResult() {
        INDArray z = Nd4j.randn(DataType.FLOAT, 400, 400);
        INDArray viaNd4j = Nd4j.create(DataType.FLOAT, 400, 400);
        ReluKernels.relu(z, viaNd4j);
        assertArrayEquals(floats(Transforms.relu(z, true)), floats(viaNd4j), 0);
    }

    @Test
    void reluGradientIsZeroAtBothZerosAndOneForTheSmallestPositiveNumber() {
        INDArray z = Nd4j.createFromArray(new float[] {-0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 7f, -7f});
        INDArray g = Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        INDArray d = Nd4j.create(DataType.FLOAT, 8);
        ReluKernels.reluBackward(z, g, d);
        assertArrayEquals(new float[] {0, 0, 3, 0, 5, 0, 7, 0}, floats(d), 0);
    }

    @Test
    void rowKernelsHandleRowsThatDoNotDivideTheChunk() {
        // 300 columns: six rows per 2,048-number chunk, then a partial chunk.
        INDArray m = Nd4j.randn(DataType.DOUBLE, 50, 300);
        INDArray row = Nd4j.randn(DataType.DOUBLE, 1, 300);
        INDArray f = m.castTo(DataType.FLOAT);
        BiasKernels.addRowVector(f, row.castTo(DataType.FLOAT));
        assertArrayEquals(floats(m.addRowVector(row)), floats(f), 1e-6f);
        INDArray sums = Nd4j.create(DataType.FLOAT, 1, 300);
        BiasKernels.columnSums(m.castTo(DataType.FLOAT), sums);
        assertArrayEquals(floats(m.sum(true, 0)), floats(sums), 1e-4f);
    }

    @Test
    void multiplyIsElementWise() {
        INDArray a = Nd4j.randn(DataType.FLOAT, 70, 90);
        INDArray b = Nd4j.randn(DataType.FLOAT, 70, 90);
        INDArray into = Nd4j.create(DataType.FLOAT, 70, 90);
        DropoutKernels.multiply(a, b, into);
        assertArrayEquals(floats(a.mul(b)), floats(into), 0);
        INDArray ad = a.castTo(DataType.DOUBLE);
        INDArray viaNd4j = Nd4j.create(DataType.DOUBLE, 70, 90);
        DropoutKernels.multiply(ad, b.castTo(DataType.DOUBLE), viaNd4j);
        assertArrayEquals(floats(a.mul(b)), floats(viaNd4j), 1e-6f);
    }

    @Test
    void dropoutDrawsTheSameMaskForFloatAndDoubleFromTheSameGenerator() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 30, 101);
        INDArray maskF = Nd4j.create(DataType.FLOAT, 30, 101);
        INDArray outF = Nd4j.create(DataType.FLOAT, 30, 101);
        DropoutKernels.dropout(x, maskF, outF, 0.3, new SplittableRandom(5));
        INDArray maskD = Nd4j.create(DataType.DOUBLE, 30, 101);
        INDArray outD = Nd4j.create(DataType.DOUBLE, 30, 101);
        DropoutKernels.dropout(x.castTo(DataType.DOUBLE), maskD, outD, 0.3, new SplittableRandom(5));
        assertArrayEquals(floats(maskD), floats(maskF), 0);
        assertArrayEquals(floats(x.mul(maskF)), floats(outF), 0);
        assertArrayEquals(floats(outD), floats(outF), 1e-6f);
        assertEquals(1 / 0.7, maskD.maxNumber().doubleValue(), 1e-15, "kept units scaled by exactly 1/(1 − p)");
    }

    @Test
    void dropoutKeepRateAndNeighbourCorrelationAreThoseOfIndependentDraws() {
        int n = 400_000;
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, n);
        INDArray mask = Nd4j.create(DataType.FLOAT, 1, n);
        DropoutKernels.dropout(x, mask, Nd4j.create(DataType.FLOAT, 1, n), 0.2, new SplittableRandom(9));
        float[] m = floats(mask);
        long kept = 0;
        long bothKept = 0;
        for (int i = 0; i < n; i++) {
            kept += m[i] > 0 ? 1 : 0;
            bothKept += i > 0 && m[i] > 0 && m[i - 1] > 0 ? 1 : 0;
        }
        double sigma = Math.sqrt(0.2 * 0.8 / n);
        assertEquals(0.8, kept / (double) n, 5 * sigma, "keep rate");
        assertEquals(0.64, bothKept / (double) (n - 1), 5 * Math.sqrt(0.64 * 0.36 / n), "P(unit and its neighbour kept)");
    }

    @Test
    void adamTakesThreeStepsOfTheTextbookFormulaOnFloatVectors() {
        double[] w = {0.5, -1.0, 2.0};
        double[] g = {0.1, -0.3, 0.0};
        double[] m = new double[3];
        double[] v = new double[3];
        INDArray values = Nd4j.createFromArray(new float[] {0.5f, -1.0f, 2.0f});
        INDArray gradients = Nd4j.createFromArray(new float[] {0.1f, -0.3f, 0.0f});
        INDArray mf = Nd4j.zeros(DataType.FLOAT, 3);
        INDArray vf = Nd4j.zeros(DataType.FLOAT, 3);
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (int t = 1; t <= 3; t++) {
            assertTrue(AdamKernel.adam(values, gradients, mf, vf, lr, b1, b2, eps, t));
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
    void adamSplitsLongVectorsWithoutChangingTheResult() {
        int n = (1 << 15) + 3;
        INDArray g = Nd4j.randn(DataType.FLOAT, n);
        INDArray w1 = Nd4j.randn(DataType.FLOAT, n);
        INDArray w2 = w1.dup();
        INDArray m1 = Nd4j.zeros(DataType.FLOAT, n);
        INDArray v1 = Nd4j.zeros(DataType.FLOAT, n);
        assertTrue(AdamKernel.adam(w1, g, m1, v1, 1e-3, 0.9, 0.999, 1e-8, 1));
        // The same update element by element on a short copy of the tail, which takes one thread.
        INDArray tail = w2.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n - 5, n)).dup();
        assertTrue(AdamKernel.adam(tail, g.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n - 5, n)).dup(),
                Nd4j.zeros(DataType.FLOAT, 5), Nd4j.zeros(DataType.FLOAT, 5), 1e-3, 0.9, 0.999, 1e-8, 1));
        assertArrayEquals(floats(tail), floats(w1.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n - 5, n))), 0);
    }

    @Test
    void adamDeclinesDoubleVectorsSoTheCallerUsesNd4j() {
        INDArray d = Nd4j.zeros(DataType.DOUBLE, 3);
        assertFalse(AdamKernel.adam(d, d, d, d, 0.1, 0.9, 0.999, 1e-8, 1));
    }

    @Test
    void largeArraysGiveTheSameReluGradientAndColumnSumsAsSmallOnes() {
        INDArray z = Nd4j.randn(DataType.FLOAT, 200, 100);
        INDArray g = Nd4j.randn(DataType.FLOAT, 200, 100);
        INDArray big = Nd4j.create(DataType.FLOAT, 200, 100);
        ReluKernels.reluBackward(z, g, big);
        INDArray expected = g.mul(z.gt(0).castTo(DataType.FLOAT));
        assertArrayEquals(floats(expected), floats(big), 0);
        INDArray sums = Nd4j.create(DataType.FLOAT, 1, 100);
        BiasKernels.columnSums(g, sums);
        assertArrayEquals(floats(g.sum(0)), floats(sums), 1e-4f);
        BiasKernels.columnSums(g.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 150),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), sums);
        assertArrayEquals(floats(g.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 150),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).sum(0)), floats(sums), 1e-4f);
    }
}
