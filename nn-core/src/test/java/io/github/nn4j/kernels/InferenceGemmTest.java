package io.github.nn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.testing.SeededArrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link DirectBlas#inferenceGemm}: which products it splits into column blocks for OpenBLAS's
 * small-matrix kernels, and that every result is within the rounding bound of the exact product
 * (the blocks sum in the small kernels' order, so not bitwise {@code Nd4j.gemm}'s) and the same
 * bits every time.
 */
class InferenceGemmTest {

    @AfterEach
    void readTheSettingsAgain() {
        DirectBlas.smallMatrixGemm(null);
        DirectBlas.oneRowByGemv(null);
    }

    @Test
    void fewRowsOfALargeProductAreSplitIntoBlocksThatFitTheSmallMatrixKernels() {
        DirectBlas.smallMatrixGemm(true);
        DirectBlas.oneRowByGemv(false);
        // 8·w·784 ≤ 10⁶ → w ≤ 159 → 128; 32 rows → w ≤ 39 → 32; 32×256×128 → w ≤ 122 → 96
        assertEquals(128, block(8, 784, 256));
        assertEquals(32, block(32, 784, 256));
        assertEquals(96, block(32, 256, 128));
        assertEquals(480, block(1, 2048, 2048));
        // whole products within the limit, and blocks narrower than 32 columns: one call
        assertEquals(0, block(8, 256, 128));
        assertEquals(0, block(1, 784, 256));
        assertEquals(0, block(64, 784, 256));
        assertEquals(0, block(256, 784, 256));
    }

    @Test
    void nothingIsSplitWithoutSmallMatrixKernelsOrWhereOneRowGoesToGemv() {
        DirectBlas.smallMatrixGemm(false);
        assertEquals(0, block(8, 784, 256));
        DirectBlas.smallMatrixGemm(true);
        DirectBlas.oneRowByGemv(true);
        assertEquals(0, block(1, 2048, 2048));
        assertEquals(128, block(8, 784, 256));
    }

    @Test
    void splitProductsAreWithinRoundingOfTheExactProductAndRepeatBitwise() {
        DirectBlas.smallMatrixGemm(true);
        DirectBlas.oneRowByGemv(false);
        int[][] shapes = {{8, 784, 256}, {32, 784, 256}, {32, 256, 128}, {16, 784, 128}, {1, 2048, 2048},
            {8, 1024, 2048}, {3, 784, 300}};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] s : shapes) {
                INDArray a = SeededArrays.gaussian(s[0] * 31L + s[1], type, s[0], s[1]);
                INDArray b = SeededArrays.gaussian(s[2] * 17L + s[1], type, s[1], s[2]);
                INDArray c = Nd4j.create(type, s[0], s[2]).assign(Double.NaN);
                DirectBlas.inferenceGemm(a, b, c);
                assertWithinRounding(a, b, c);
                INDArray again = Nd4j.create(type, s[0], s[2]);
                DirectBlas.inferenceGemm(a, b, again);
                assertArrayEquals(c.data().asDouble(), again.data().asDouble(), 0.0, type + " " + s[0] + "x" + s[1]);
            }
        }
    }

    @Test
    void productsItDoesNotSplitAreBitwiseTheOrdinaryGemm() {
        DirectBlas.smallMatrixGemm(true);
        INDArray a = SeededArrays.gaussian(5, DataType.FLOAT, 256, 784);
        INDArray b = SeededArrays.gaussian(6, DataType.FLOAT, 784, 256);
        INDArray split = Nd4j.create(DataType.FLOAT, 256, 256);
        INDArray whole = Nd4j.create(DataType.FLOAT, 256, 256);
        DirectBlas.inferenceGemm(a, b, split);
        DirectBlas.gemm(a, b, whole, false, false, 1.0, 0.0);
        assertArrayEquals(whole.data().asFloat(), split.data().asFloat(), 0f);
    }

    private static int block(int m, int k, int n) {
        return DirectBlas.inferenceBlock(Nd4j.create(DataType.FLOAT, m, k), Nd4j.create(DataType.FLOAT, k, n),
                Nd4j.create(DataType.FLOAT, m, n));
    }

    /** Every entry within {@code γ_k·Σ|aᵢ·bᵢ|} of the product computed in double (Higham, eq. 3.5). */
    private static void assertWithinRounding(INDArray a, INDArray b, INDArray c) {
        int m = (int) a.rows();
        int k = (int) a.columns();
        int n = (int) b.columns();
        double u = c.dataType() == DataType.DOUBLE ? Math.ulp(1.0) / 2 : Math.ulp(1.0f) / 2;
        double gamma = k * u / (1 - k * u);
        double[] av = a.data().asDouble();
        double[] bv = b.data().asDouble();
        double[] cv = c.data().asDouble();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double absSum = 0;
                for (int p = 0; p < k; p++) {
                    double term = av[i * k + p] * bv[p * n + j];
                    sum += term;
                    absSum += Math.abs(term);
                }
                double error = Math.abs(cv[i * n + j] - sum);
                assertTrue(error <= gamma * absSum, c.dataType() + " " + m + "x" + k + "x" + n + " entry (" + i + ", "
                        + j + "): " + cv[i * n + j] + " vs " + sum);
            }
        }
    }
}
