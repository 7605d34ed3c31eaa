package io.github.nn4j.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.testing.DenseProducts;
import io.github.nn4j.testing.SeededArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link DirectBlas} against {@code Nd4j.gemm} for every product nn4j's dense layers make.
 *
 * <p>What ND4J calls (read from ND4J 1.0.0-M2.1 with a debugger's breakpoint on {@code cblas_sgemm}
 * of {@code libopenblas_nolapack}, and in libnd4j's {@code MmulHelper::mmulMxM}): for row-major
 * operands whose result has more than one row and more than one column, ND4J makes exactly the
 * call the direct path makes, {@code cblas_sgemm(RowMajor, transA, transB, m, n, k, α, A, lda, B,
 * ldb, β, C, n)}, so the results are bitwise equal, and this test asserts so. When the result has
 * one row (a batch of one, or the bias gradient {@code onesᵀ·G}) or one column, MmulHelper sees it
 * as contiguous in both orders and calls the column-major routine instead, with other transpose
 * letters: for {@code [1,k]·[k,n]} it calls {@code (ColMajor, N, T, 1, n, k, A, 1, B, n, C, 1)},
 * where the direct row-major call reaches OpenBLAS's column-major {@code (N, N, n, 1, k, B, n, A, k)}:
 * the same dot products, in OpenBLAS kernels for other transpose cases, whose summation order is
 * free to differ. There the test asserts the rounding bound (and GEMV, where
 * {@link DirectBlas#oneRowByGemv()} is on, is held to the same bound), as it does for products the
 * direct path splits into small-matrix blocks ({@link DirectBlas#columnBlock}), which sum in the
 * small kernels' order. Under the SkylakeX kernel
 * every float32 product here was bitwise equal all the same, and of the float64 ones all but the
 * one-row 1×128×10.
 */
class DirectBlasTest {

    /** Unit roundoff of float32 and of float64. */
    private static final double U_FLOAT = Math.ulp(1.0f) / 2;
    private static final double U_DOUBLE = Math.ulp(1.0) / 2;

    /**
     * Batch and layer sizes: nn-bench's S, M and L workloads, the Fashion-MNIST network at the
     * demo's batch, at 32 and at one row (prediction), and a one-output network (XOR).
     */
    private static final List<int[]> NETWORKS = List.of(
            new int[] {32, 784, 128, 10},
            new int[] {128, 784, 512, 512, 10},
            new int[] {512, 1024, 2048, 2048, 10},
            new int[] {256, 784, 256, 128, 10},
            new int[] {32, 784, 256, 128, 10},
            new int[] {1, 784, 256, 128, 10},
            new int[] {4, 2, 4, 1});

    /** {@code C[m,n] = op(A)·op(B)} with A and B row-major as nn4j stores them. */
    private record Product(String role, int m, int k, int n, boolean transA, boolean transB) {

        boolean sameCallAsNd4j() {
            return m > 1 && n > 1 && DirectBlas.columnBlock(m, n, k) == 0;
        }

        @Override
        public String toString() {
            return role + " " + m + "x" + k + "x" + n;
        }
    }

    private static Set<Product> products() {
        return DenseProducts.of(NETWORKS, Product::new);
    }

    @Test
    void everyProductOfNn4jIsBitwiseNd4jsWhereTheCallIsTheSameAndWithinRoundingElsewhere() {
        List<String> failures = new ArrayList<>();
        long seed = 23;
        int bitwise = 0;
        int checked = 0;
        List<String> differing = new ArrayList<>();
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (Product p : products()) {
                if (type == DataType.DOUBLE && (long) p.m * p.k * p.n > 1L << 28) {
                    continue;   // L's products in double add a minute and no new case
                }
                INDArray a = SeededArrays.uniform(seed++, type, p.transA ? p.k : p.m, p.transA ? p.m : p.k).subi(0.5);
                INDArray b = SeededArrays.uniform(seed++, type, p.transB ? p.n : p.k, p.transB ? p.k : p.n).subi(0.5);
                INDArray expected = Nd4j.create(type, p.m, p.n);
                INDArray actual = Nd4j.create(type, p.m, p.n);
                Nd4j.gemm(a, b, expected, p.transA, p.transB, 1.0, 0.0);
                assertTrue(DirectBlas.direct(a, b) && DirectBlas.direct(a, actual));
                DirectBlas.gemm(a, b, actual, p.transA, p.transB, 1.0, 0.0);
                boolean same = bitwiseEqual(actual, expected);
                if (p.sameCallAsNd4j() && !same) {
                    failures.add(type + " " + p + ": not bitwise Nd4j.gemm's result");
                } else if (!same) {
                    differing.add(type + " " + p);
                }
                bitwise += same ? 1 : 0;
                checked++;
                String bound = withinRounding(a, b, actual, p);
                if (bound != null) {
                    failures.add(type + " " + bound);
                }
            }
        }
        System.out.println("direct GEMM bitwise equal to Nd4j.gemm in " + bitwise + " of " + checked + " products"
                + (DirectBlas.oneRowByGemv() ? " (one-row products by GEMV)" : "")
                + "; within rounding: " + differing);
        assertEquals(List.of(), failures);
    }

    @Test
    void oneRowProductsByGemvAndByGemmAreBothWithinRounding() {
        boolean configured = DirectBlas.oneRowByGemv();
        List<String> failures = new ArrayList<>();
        try {
            for (boolean gemv : List.of(true, false)) {
                DirectBlas.oneRowByGemv(gemv);
                long seed = 57;
                for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                    for (Product p : products()) {
                        if (p.m != 1) {
                            continue;
                        }
                        INDArray a = SeededArrays.uniform(seed++, type, p.transA ? p.k : 1, p.transA ? 1 : p.k)
                                .subi(0.5);
                        INDArray b = SeededArrays.uniform(seed++, type, p.transB ? p.n : p.k, p.transB ? p.k : p.n)
                                .subi(0.5);
                        INDArray c = Nd4j.create(type, 1, p.n).assign(Double.NaN);
                        DirectBlas.gemm(a, b, c, p.transA, p.transB, 1.0, 0.0);
                        String bound = withinRounding(a, b, c, p);
                        if (bound != null) {
                            failures.add((gemv ? "GEMV " : "GEMM ") + type + " " + bound);
                        }
                    }
                }
            }
        } finally {
            DirectBlas.oneRowByGemv(configured);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void viewsOfWholeRowsAtAnOffsetTakeTheDirectPathWithNd4jsResult() {
        INDArray flat = SeededArrays.uniform(1, DataType.FLOAT, 1, 7 + 6 * 5 + 3).subi(0.5);
        INDArray weights = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 37)).reshape(6, 5);
        INDArray batch = SeededArrays.uniform(2, DataType.FLOAT, 40, 6).get(NDArrayIndex.interval(9, 17),
                NDArrayIndex.all());
        INDArray output = Nd4j.create(DataType.FLOAT, 20, 5).get(NDArrayIndex.interval(4, 12), NDArrayIndex.all());
        INDArray expected = Nd4j.create(DataType.FLOAT, 8, 5);
        Nd4j.gemm(batch, weights, expected, false, false, 1.0, 0.0);
        assertTrue(batch.offset() > 0 && output.offset() > 0);
        assertTrue(DirectBlas.direct(batch, weights) && DirectBlas.direct(batch, output));
        DirectBlas.gemm(batch, weights, output, false, false, 1.0, 0.0);
        assertTrue(bitwiseEqual(expected, output));
    }

    @Test
    void viewsWithGapsAndColumnMajorArraysTakeNd4jsPath() {
        INDArray wide = SeededArrays.uniform(3, DataType.FLOAT, 8, 12);
        INDArray columns = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7));        // rows with gaps
        INDArray fOrder = SeededArrays.uniform(4, DataType.FLOAT, 5, 3).dup('f');
        INDArray c = Nd4j.create(DataType.FLOAT, 8, 3);
        assertFalse(DirectBlas.direct(columns, c));
        assertFalse(DirectBlas.direct(fOrder, c));
        assertFalse(DirectBlas.direct(wide, SeededArrays.uniform(5, DataType.DOUBLE, 12, 3)));
        INDArray expected = Nd4j.create(DataType.FLOAT, 8, 3);
        Nd4j.gemm(columns, fOrder, expected, false, false, 1.0, 0.0);
        DirectBlas.gemm(columns, fOrder, c, false, false, 1.0, 0.0);
        assertTrue(bitwiseEqual(expected, c));
    }

    @Test
    void theOneRowPropertyIsTheOneThePlatformSets() {
        assertEquals(io.github.nn4j.platform.Nn4jPlatform.ONE_ROW_GEMV_PROPERTY, DirectBlas.ONE_ROW_GEMV_PROPERTY);
    }

    @Test
    void alphaAndBetaScaleAsInBlas() {
        INDArray a = Nd4j.create(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new float[][] {{1, 0}, {0, 1}});
        INDArray c = Nd4j.create(new float[][] {{10, 10}, {10, 10}});
        DirectBlas.gemm(a, b, c, false, true, 2.0, 0.5);
        assertArrayEquals(new float[] {7, 9, 11, 13}, c.data().asFloat(), 0);
    }

    @Test
    void axpyAddsAScaledVectorOnBothTypes() {
        INDArray x = Nd4j.create(new float[] {1, 2, 3});
        INDArray y = Nd4j.create(new float[] {10, 20, 30});
        DirectBlas.axpy(-0.5, x, y);
        assertArrayEquals(new float[] {9.5f, 19, 28.5f}, y.data().asFloat(), 0);
        INDArray yd = Nd4j.create(new double[] {1, 1});
        DirectBlas.axpy(2, Nd4j.create(new double[] {0.25, -1}), yd);
        assertArrayEquals(new double[] {1.5, -1}, yd.data().asDouble(), 0);
    }

    @Test
    void eightThreadsAtOnceGetTheSingleThreadedResults() throws Exception {
        int threads = 8;
        INDArray weights = SeededArrays.uniform(6, DataType.FLOAT, 784, 256).subi(0.5);
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            INDArray x = SeededArrays.uniform(10 + t, DataType.FLOAT, t % 2 == 0 ? 1 : 32, 784);
            INDArray y = Nd4j.create(DataType.FLOAT, x.rows(), 256);
            DirectBlas.gemm(x, weights, y, false, false, 1.0, 0.0);
            inputs.add(x);
            expected.add(y);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                INDArray x = inputs.get(t);
                INDArray want = expected.get(t);
                results.add(pool.submit(() -> {
                    INDArray y = Nd4j.create(DataType.FLOAT, x.rows(), 256);
                    int wrong = 0;
                    for (int i = 0; i < 300; i++) {
                        y.assign(Float.NaN);
                        DirectBlas.gemm(x, weights, y, false, false, 1.0, 0.0);
                        wrong += bitwiseEqual(want, y) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static boolean bitwiseEqual(INDArray x, INDArray y) {
        if (x.dataType() == DataType.DOUBLE) {
            return java.util.Arrays.equals(x.dup().data().asDouble(), y.dup().data().asDouble());
        }
        return java.util.Arrays.equals(x.dup().data().asFloat(), y.dup().data().asFloat());
    }

    /**
     * Null when every entry of {@code c} is within {@code γ_k·Σ|aᵢ·bᵢ|} of the exact product
     * (Higham, eq. 3.5; see {@code SelectedKernelGemmTest}), checked on the first, the last and a
     * middle row for large products; otherwise the first entry that is not.
     */
    private static String withinRounding(INDArray a, INDArray b, INDArray c, Product p) {
        double u = c.dataType() == DataType.DOUBLE ? U_DOUBLE : U_FLOAT;
        double gamma = p.k * u / (1 - p.k * u);
        double[] av = a.dup().data().asDouble();
        double[] bv = b.dup().data().asDouble();
        double[] cv = c.dup().data().asDouble();
        int[] rows = (long) p.m * p.n * p.k <= 1 << 22 ? java.util.stream.IntStream.range(0, p.m).toArray()
                : new int[] {0, p.m / 2, p.m - 1};
        for (int i : rows) {
            for (int j = 0; j < p.n; j++) {
                double sum = 0;
                double absSum = 0;
                for (int q = 0; q < p.k; q++) {
                    double term = av[p.transA ? q * p.m + i : i * p.k + q] * bv[p.transB ? j * p.k + q : q * p.n + j];
                    sum += term;
                    absSum += Math.abs(term);
                }
                if (!(Math.abs(cv[i * p.n + j] - sum) <= gamma * absSum + Double.MIN_NORMAL)) {
                    return p + ": C[" + i + "," + j + "] = " + cv[i * p.n + j] + ", exact " + sum;
                }
            }
        }
        return null;
    }
}
