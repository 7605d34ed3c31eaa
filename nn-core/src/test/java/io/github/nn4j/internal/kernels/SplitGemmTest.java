package io.github.nn4j.internal.kernels;

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
 * {@link DirectBlas#gemm}'s column blocks for OpenBLAS's small-matrix kernels: which products are
 * split and how wide the blocks are, and that every split product, with any transpose flags, alpha
 * and beta, is within the rounding bound of the exact result and the same bits every time.
 */
class SplitGemmTest {

    @AfterEach
    void readTheSettingsAgain() {
        DirectBlas.smallMatrixGemm(null);
        DirectBlas.oneRowByGemv(null);
    }

    @Test
    void productsOfFewRowsAboveTheLimitAreSplitIntoBlocksThatFitTheSmallMatrixKernels() {
        DirectBlas.smallMatrixGemm(true);
        // m·w·k ≤ 10⁶: 8 rows of 784 → w ≤ 159 → 128; 32 rows → w ≤ 39 → 32; 32×256 → w ≤ 122 → 96
        assertEquals(128, DirectBlas.columnBlock(8, 256, 784));
        assertEquals(32, DirectBlas.columnBlock(32, 128, 784));
        assertEquals(96, DirectBlas.columnBlock(32, 128, 256));
        assertEquals(480, DirectBlas.columnBlock(1, 2048, 2048));
        assertEquals(32, DirectBlas.columnBlock(784, 128, 32));     // S's weight gradient Xᵀ·G
        // within the limit whole, or blocks narrower than 32 columns: one call
        assertEquals(0, DirectBlas.columnBlock(8, 128, 256));
        assertEquals(0, DirectBlas.columnBlock(1, 256, 784));
        assertEquals(0, DirectBlas.columnBlock(64, 256, 784));
        assertEquals(0, DirectBlas.columnBlock(128, 512, 784));    // M
        assertEquals(0, DirectBlas.columnBlock(512, 2048, 1024));  // L
    }

    @Test
    void nothingIsSplitWithoutSmallMatrixKernels() {
        DirectBlas.smallMatrixGemm(false);
        assertEquals(0, DirectBlas.columnBlock(8, 256, 784));
        assertEquals(0, DirectBlas.columnBlock(1, 2048, 2048));
    }

    @Test
    void splitProductsAreWithinRoundingForEveryTransposeAndRepeatBitwise() {
        DirectBlas.smallMatrixGemm(true);
        DirectBlas.oneRowByGemv(false);
        int[][] shapes = {{8, 784, 256}, {32, 784, 128}, {32, 256, 128}, {1, 2048, 1100}, {5, 784, 300}, {784, 32, 128}};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] s : shapes) {
                for (int flags = 0; flags < 4; flags++) {
                    boolean transA = (flags & 1) != 0;
                    boolean transB = (flags & 2) != 0;
                    int m = s[0];
                    int k = s[1];
                    int n = s[2];
                    assertTrue(DirectBlas.columnBlock(m, n, k) > 0, m + "x" + k + "x" + n + " is split");
                    INDArray a = SeededArrays.gaussian(m * 31L + k + flags, type, transA ? k : m, transA ? m : k);
                    INDArray b = SeededArrays.gaussian(n * 17L + k + flags, type, transB ? n : k, transB ? k : n);
                    INDArray c0 = SeededArrays.gaussian(n * 7L + m, type, m, n);
                    INDArray c = c0.dup();
                    DirectBlas.gemm(a, b, c, transA, transB, 0.75, 0.5);
                    assertWithinRounding(a, b, c0, c, transA, transB, 0.75, 0.5);
                    INDArray again = c0.dup();
                    DirectBlas.gemm(a, b, again, transA, transB, 0.75, 0.5);
                    assertArrayEquals(c.data().asDouble(), again.data().asDouble(), 0.0,
                            type + " " + m + "x" + k + "x" + n + " " + transA + "/" + transB);
                }
            }
        }
    }

    /** Every entry within {@code γ_(k+2)·(|α|·Σ|aᵢ·bᵢ| + |β·c₀|)} of the result computed in double (Higham, eq. 3.5). */
    private static void assertWithinRounding(INDArray a, INDArray b, INDArray c0, INDArray c, boolean transA,
                                             boolean transB, double alpha, double beta) {
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transA ? a.rows() : a.columns());
        double u = c.dataType() == DataType.DOUBLE ? Math.ulp(1.0) / 2 : Math.ulp(1.0f) / 2;
        double gamma = (k + 2) * u / (1 - (k + 2) * u);
        double[] av = a.data().asDouble();
        double[] bv = b.data().asDouble();
        double[] start = c0.data().asDouble();
        double[] cv = c.data().asDouble();
        int lda = (int) a.columns();
        int ldb = (int) b.columns();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double absSum = 0;
                for (int p = 0; p < k; p++) {
                    double term = (transA ? av[p * lda + i] : av[i * lda + p]) * (transB ? bv[j * ldb + p] : bv[p * ldb + j]);
                    sum += term;
                    absSum += Math.abs(term);
                }
                double exact = alpha * sum + beta * start[i * n + j];
                double bound = gamma * (Math.abs(alpha) * absSum + Math.abs(beta * start[i * n + j]));
                assertTrue(Math.abs(cv[i * n + j] - exact) <= bound, c.dataType() + " " + m + "x" + k + "x" + n
                        + " " + transA + "/" + transB + " entry (" + i + ", " + j + "): " + cv[i * n + j] + " vs " + exact);
            }
        }
    }
}
