package io.github.nn4j.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each kernel's Java loop (small float arrays) against ND4J's operation (the same numbers in
 * double, or float arrays above {@link KernelPath#javaMaxElements()}) and against the closed form.
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
                NDArrayIndex.all(), NDArrayIndex.interval(0, 3))));
        assertTrue(KernelPath.javaPath(Nd4j.zeros(DataType.FLOAT, 4, 6).get(
                NDArrayIndex.interval(1, 3), NDArrayIndex.all())));
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

    /** 400 rows of 400: one array above the Java limit, and four blocks of 100 rows below it. */
    private static final int BIG = 400;
    private static final int BLOCK = 100;

    private static INDArray rows(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    @Test
    void largeFloatArraysTakeTheNd4jPathWithTheResultOfTheJavaLoop() {
        INDArray z = SeededArrays.gaussian(1, DataType.FLOAT, BIG, BIG);
        INDArray viaNd4j = Nd4j.create(DataType.FLOAT, BIG, BIG);
        INDArray viaJava = Nd4j.create(DataType.FLOAT, BIG, BIG);
        assertFalse(KernelPath.javaPath(z, viaNd4j), "the whole array takes the ND4J path");
        ReluKernels.relu(z, viaNd4j);
        for (int from = 0; from < BIG; from += BLOCK) {
            assertTrue(KernelPath.javaPath(rows(z, from, from + BLOCK), rows(viaJava, from, from + BLOCK)));
            ReluKernels.relu(rows(z, from, from + BLOCK), rows(viaJava, from, from + BLOCK));
        }
        float[] input = floats(z);
        float[] expected = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            expected[i] = Math.max(input[i], 0f);
        }
        assertArrayEquals(expected, floats(viaJava), 0);
        assertArrayEquals(expected, floats(viaNd4j), 0);
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
        INDArray m = SeededArrays.gaussian(4, DataType.DOUBLE, 50, 300);
        INDArray row = SeededArrays.gaussian(5, DataType.DOUBLE, 1, 300);
        INDArray f = m.castTo(DataType.FLOAT);
        BiasKernels.addRowVector(f, row.castTo(DataType.FLOAT));
        assertArrayEquals(floats(m.addRowVector(row)), floats(f), 1e-6f);
        INDArray sums = Nd4j.create(DataType.FLOAT, 1, 300);
        BiasKernels.columnSums(m.castTo(DataType.FLOAT), sums);
        assertArrayEquals(floats(m.sum(true, 0)), floats(sums), 1e-4f);
    }

    @Test
    void multiplyIsElementWise() {
        INDArray a = SeededArrays.gaussian(6, DataType.FLOAT, 70, 90);
        INDArray b = SeededArrays.gaussian(7, DataType.FLOAT, 70, 90);
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
        INDArray x = SeededArrays.uniform(8, DataType.FLOAT, 30, 101);
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
    void dropoutOfAViewWithGapsDrawsTheSameMaskAsOfItsCopy() {
        INDArray wide = SeededArrays.uniform(9, DataType.FLOAT, 30, 202);
        INDArray x = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 202));
        assertFalse(KernelPath.floatBlocks(x), "every other column is not a block");
        INDArray mask = Nd4j.create(DataType.FLOAT, 30, 101);
        INDArray out = Nd4j.create(DataType.FLOAT, 30, 101);
        DropoutKernels.dropout(x, mask, out, 0.3, new SplittableRandom(5));
        INDArray maskOfCopy = Nd4j.create(DataType.FLOAT, 30, 101);
        INDArray outOfCopy = Nd4j.create(DataType.FLOAT, 30, 101);
        DropoutKernels.dropout(x.dup(), maskOfCopy, outOfCopy, 0.3, new SplittableRandom(5));
        assertArrayEquals(floats(maskOfCopy), floats(mask), 0);
        assertArrayEquals(floats(outOfCopy), floats(out), 0);
    }

    @Test
    void dropoutRejectsAMaskWithGaps() {
        INDArray x = SeededArrays.uniform(10, DataType.FLOAT, 4, 3);
        INDArray mask = Nd4j.create(DataType.FLOAT, 4, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DropoutKernels.dropout(x, mask, Nd4j.create(DataType.FLOAT, 4, 3), 0.5, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("[4, 3]"), e.getMessage());
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
    void largeArraysGiveTheReluGradientAndColumnSumsOfTheJavaLoop() {
        INDArray z = SeededArrays.gaussian(2, DataType.FLOAT, BIG, BIG);
        INDArray g = SeededArrays.gaussian(3, DataType.FLOAT, BIG, BIG);
        INDArray viaNd4j = Nd4j.create(DataType.FLOAT, BIG, BIG);
        INDArray viaJava = Nd4j.create(DataType.FLOAT, BIG, BIG);
        assertFalse(KernelPath.javaPath(z, g, viaNd4j), "the whole array takes the ND4J path");
        ReluKernels.reluBackward(z, g, viaNd4j);
        INDArray sums = Nd4j.create(DataType.FLOAT, 1, BIG);
        BiasKernels.columnSums(g, sums);
        double[] blockSums = new double[BIG];
        for (int from = 0; from < BIG; from += BLOCK) {
            assertTrue(KernelPath.javaPath(rows(z, from, from + BLOCK)), "a block takes the Java path");
            ReluKernels.reluBackward(rows(z, from, from + BLOCK), rows(g, from, from + BLOCK),
                    rows(viaJava, from, from + BLOCK));
            INDArray blockSum = Nd4j.create(DataType.FLOAT, 1, BIG);
            BiasKernels.columnSums(rows(g, from, from + BLOCK), blockSum);
            float[] values = floats(blockSum);
            for (int j = 0; j < BIG; j++) {
                blockSums[j] += values[j];
            }
        }
        float[] zs = floats(z);
        float[] gs = floats(g);
        float[] expected = new float[zs.length];
        double[] columnSums = new double[BIG];
        for (int i = 0; i < zs.length; i++) {
            expected[i] = zs[i] > 0 ? gs[i] : 0f;
            columnSums[i % BIG] += gs[i];
        }
        assertArrayEquals(expected, floats(viaJava), 0);
        assertArrayEquals(expected, floats(viaNd4j), 0);
        float[] nd4jSums = floats(sums);
        for (int j = 0; j < BIG; j++) {
            assertEquals(columnSums[j], nd4jSums[j], 1e-3, "ND4J path, column " + j);
            assertEquals(columnSums[j], blockSums[j], 1e-3, "Java path, column " + j);
        }
    }

    @Test
    void floatsIsAViewFromTheFirstElementMadeOncePerBufferAndOffset() {
        INDArray matrix = SeededArrays.uniform(1, DataType.FLOAT, 10, 4);
        INDArray rows = matrix.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all());
        java.nio.FloatBuffer view = KernelPath.floats(rows);
        assertEquals(matrix.getFloat(3, 0), view.get(0), 0);
        assertSame(view, KernelPath.floats(rows));
        assertSame(view, KernelPath.floats(matrix.get(NDArrayIndex.interval(3, 5), NDArrayIndex.all())));
        assertNotSame(view, KernelPath.floats(matrix));
        view.put(1, 42f);
        assertEquals(42f, matrix.getFloat(3, 1), 0);
    }

    @Test
    void floatsStaysRightForMoreArraysThanItKeepsViewsOf() {
        List<INDArray> arrays = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            arrays.add(Nd4j.valueArrayOf(new long[] {1, 3}, (float) i));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < arrays.size(); i++) {
                assertEquals(i, KernelPath.floats(arrays.get(i)).get(2), 0);
            }
        }
    }

    @Test
    void floatsKeepsNoBufferAlive() throws InterruptedException {
        INDArray array = Nd4j.create(DataType.FLOAT, 64, 64);
        KernelPath.floats(array);
        java.lang.ref.WeakReference<Object> buffer = new java.lang.ref.WeakReference<>(array.data());
        array = null;
        for (int i = 0; i < 20 && buffer.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(buffer.get(), "the buffer is still reachable");
    }

    @Test
    void copyOfCopiesValuesShapeAndTypeIntoANewArray() {
        INDArray rows = SeededArrays.uniform(2, DataType.FLOAT, 6, 3).get(NDArrayIndex.interval(2, 4),
                NDArrayIndex.all());
        INDArray copy = KernelPath.copyOf(rows);
        assertEquals(rows, copy);
        assertArrayEquals(new long[] {2, 3}, copy.shape());
        assertFalse(copy.isView());
        INDArray doubles = Nd4j.create(new double[][] {{1, 2}});
        assertEquals(doubles, KernelPath.copyOf(doubles));
    }
}
