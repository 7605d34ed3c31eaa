package io.github.nn4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nn4j.testing.DenseProducts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The guard for the OpenBLAS kernel nn4j selects: it runs, and its float32 GEMMs are right for
 * every product shape nn4j's dense layers make in the benchmark workloads and the Fashion-MNIST
 * demo. The build runs the tests with {@code -Dnn4j.blas.coretype=auto}, so on an AVX-512 machine
 * this checks the SkylakeX kernels.
 */
class SelectedKernelGemmTest {

    /** Unit roundoff of float32. */
    private static final double U = Math.ulp(1.0f) / 2;
    /** Above this many multiply-adds a product is checked on sampled rows and columns, not every entry. */
    private static final long FULL_CHECK_LIMIT = 1L << 22;

    /**
     * Layer sizes and batch: nn-bench's S, M and L workloads (Workload.standard()) and the
     * Fashion-MNIST demo's network at its batch of 256.
     */
    private static final List<int[]> NETWORKS = List.of(
            new int[] {32, 784, 128, 10},
            new int[] {128, 784, 512, 512, 10},
            new int[] {512, 1024, 2048, 2048, 10},
            new int[] {256, 784, 256, 128, 10});

    @BeforeAll
    static void loadNd4j() {
        Nd4j.create(DataType.FLOAT, 1, 1);
    }

    @Test
    void openBlasRunsTheKernelOfThePlan() {
        PlatformPlan plan = Nn4jPlatform.plan();
        assumeTrue(plan.enabled(), "nn4j's platform settings are off (-Dnn4j.platform=off)");
        assumeTrue(plan.expectedKernel() != null, "OpenBLAS detects the kernel itself here: " + plan.kernelSource());
        Optional<String> active = Nn4jPlatform.activeKernel();
        assumeTrue(active.isPresent(), "OpenBLAS cannot be asked for its kernel on this system");
        assertEquals(plan.expectedKernel(), active.get(), plan.describe());
    }

    @Test
    void openBlasRunsTheKernelNn4jSelects() {
        PlatformPlan plan = Nn4jPlatform.plan();
        assumeTrue(plan.enabled(), "nn4j's platform settings are off (-Dnn4j.platform=off)");
        assumeTrue(plan.bestKernel() != null, "nn4j selects no kernel for this CPU (no AVX2): OpenBLAS detects it");
        assumeTrue(plan.bestKernel().equals(plan.expectedKernel()), "the kernel is " + plan.expectedKernel()
                + " from " + plan.kernelSource() + ", not nn4j's " + plan.bestKernel() + " (the build's "
                + "-Dnn4j.blas.coretype=auto makes it nn4j's)");
        assertEquals(plan.bestKernel(), Nn4jPlatform.activeKernel().orElse("(OpenBLAS not asked)"));
    }

    @Test
    void oneRowProductsGoToGemvExactlyWhereTheKernelHasNoSmallMatrixGemm() {
        PlatformPlan plan = Nn4jPlatform.plan();
        assumeTrue(plan.enabled() && plan.expectedKernel() != null,
                "nn4j does not know the kernel: " + plan.describe());
        boolean smallGemm = BlasKernel.named(plan.expectedKernel()).orElseThrow().hasSmallMatrixGemm();
        assertEquals(String.valueOf(!smallGemm), System.getProperty(Nn4jPlatform.ONE_ROW_GEMV_PROPERTY));
    }

    /**
     * Every product within the rounding bound of float32 summation.
     *
     * <p>The inputs are float32 numbers, so the double reference is exact up to its own rounding
     * (~1e-16). A float32 dot product of length k, summed in any order and with or without FMA,
     * errs by at most γ_k·Σ|aᵢ·bᵢ| with γ_k = k·u/(1 − k·u) and u = 2⁻²⁴ (Higham, Accuracy and
     * Stability of Numerical Algorithms, 2nd ed., §3.1, eq. 3.5): this holds for OpenBLAS's
     * blocked kernels too, which only reorder the sum. The bound is strict enough to fail for a
     * kernel that drops or repeats one term (an error near Σ/k ≥ k·u·Σ for all k ≤ 2048 here) or
     * that computes in lower precision such as bfloat16 (error ~2⁻⁸ relative).
     */
    @Test
    void everyWorkloadProductIsWithinTheFloat32RoundingBound() {
        List<String> failures = new ArrayList<>();
        long seed = 20261201L;
        for (Product product : products()) {
            String failure = product.check(new SplittableRandom(seed++));
            if (failure != null) {
                failures.add(failure);
            }
        }
        assertEquals(List.of(), failures, "kernel " + Nn4jPlatform.activeKernel().orElse("?"));
    }

    private static Set<Product> products() {
        return DenseProducts.of(NETWORKS, Product::new);
    }

    /**
     * {@code C[m,n] = op(A)·op(B)}, A and B row-major as nn4j stores them.
     *
     * @param role   what nn4j computes with it
     * @param m      rows of C
     * @param k      inner size
     * @param n      columns of C
     * @param transA A stored as {@code [k, m]}
     * @param transB B stored as {@code [n, k]}
     */
    private record Product(String role, int m, int k, int n, boolean transA, boolean transB) {

        String check(SplittableRandom random) {
            int aRows = transA ? k : m;
            int aColumns = transA ? m : k;
            int bRows = transB ? n : k;
            int bColumns = transB ? k : n;
            float[] a = role.startsWith("ones") ? ones(aRows * aColumns) : uniform(random, aRows * aColumns);
            float[] b = uniform(random, bRows * bColumns);
            INDArray c = Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'c');
            Nd4j.gemm(Nd4j.create(a, new long[] {aRows, aColumns}, 'c'), Nd4j.create(b, new long[] {bRows, bColumns}, 'c'),
                    c, transA, transB, 1.0, 0.0);
            float[] result = c.data().asFloat();

            double gamma = k * U / (1 - k * U);
            for (int[] entry : entries(random)) {
                int i = entry[0];
                int j = entry[1];
                double sum = 0;
                double absSum = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
                    sum += term;
                    absSum += Math.abs(term);
                }
                double error = Math.abs(result[i * n + j] - sum);
                if (!(error <= gamma * absSum)) {
                    return String.format("%s %dx%dx%d%s%s: C[%d,%d] = %s, reference %s, error %.3g > bound %.3g",
                            role, m, k, n, transA ? " Aᵀ" : "", transB ? " Bᵀ" : "", i, j, result[i * n + j], sum,
                            error, gamma * absSum);
                }
            }
            return null;
        }

        /** Every entry of C, or for large products whole rows and columns: the first, the last and 6 random ones. */
        private List<int[]> entries(SplittableRandom random) {
            List<int[]> entries = new ArrayList<>();
            if ((long) m * n * k <= FULL_CHECK_LIMIT) {
                IntStream.range(0, m).forEach(i -> IntStream.range(0, n).forEach(j -> entries.add(new int[] {i, j})));
                return entries;
            }
            for (int i : sample(random, m)) {
                IntStream.range(0, n).forEach(j -> entries.add(new int[] {i, j}));
            }
            for (int j : sample(random, n)) {
                IntStream.range(0, m).forEach(i -> entries.add(new int[] {i, j}));
            }
            return entries;
        }

        private static Set<Integer> sample(SplittableRandom random, int size) {
            Set<Integer> indices = new LinkedHashSet<>(List.of(0, size - 1));
            random.ints(6, 0, size).forEach(indices::add);
            return indices;
        }

        private static float[] uniform(SplittableRandom random, int length) {
            float[] values = new float[length];
            for (int i = 0; i < length; i++) {
                values[i] = (float) (random.nextDouble() * 2 - 1);
            }
            return values;
        }

        private static float[] ones(int length) {
            float[] values = new float[length];
            java.util.Arrays.fill(values, 1f);
            return values;
        }
    }
}
