package io.github.nn4j.internal.kernels;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GEMM and AXPY called directly on the arrays' memory, through the OpenBLAS that {@code Nd4j.gemm}
 * itself ends in (JavaCPP's {@code openblas_nolapack}, with the kernel nn4j selected): one JNI call,
 * where {@code Nd4j.gemm} builds and runs an ND4J operation (a native op context, shape buffers,
 * argument pointers, each registered with JavaCPP's deallocator) before reaching the same routine.
 *
 * <p>Taken when every array is FLOAT, or every one DOUBLE, and lies in one contiguous row-major
 * block of its buffer (a whole array, or a view of whole rows at any offset; see
 * {@link KernelPath#floatBlocks}); everything else goes to {@code Nd4j.gemm} (which also reports
 * shape errors). The native addresses come from {@code data().address()} (a field read) and go into
 * per-thread pointer objects reused for every call: no allocation, and safe from many threads.
 *
 * <p>Few rows, many multiply-adds: where the kernel has OpenBLAS's small-matrix GEMM kernels, a
 * product above their limit whose columns can be split into blocks that fit it runs as those blocks
 * ({@link #columnBlock}): at batch 8–32 of a 784-wide input 1.5–3× faster on one thread, and free of
 * the thread wake-ups of the packed path (S's forward product, 32×784×128, took 31 µs as blocks
 * against 64 µs whole on one thread and 340 µs on two threads of a busy machine).
 *
 * <p>Numbers: a row-major GEMM here is the call ND4J's {@code MmulHelper} makes for row-major
 * operands, so results are bitwise those of {@code Nd4j.gemm} (see {@code DirectBlasTest}), except
 * for products split into blocks, whose small-matrix kernels sum in another order (equal to float
 * rounding; the same bits every time). A product with one row ({@code [1, k]·[k, n]}) goes to GEMV
 * where {@link #oneRowByGemv()} says so, which sums in another order too.
 */
public final class DirectBlas {

    /**
     * The system property that sends one-row products to GEMV: {@code true} or {@code false}.
     * {@code Nn4jPlatform} sets it before ND4J loads, from the OpenBLAS kernel it selects (GEMV
     * unless that kernel has small-matrix GEMM kernels, as SkylakeX has); unset means GEMM.
     */
    public static final String ONE_ROW_GEMV_PROPERTY = "nn4j.blas.oneRowGemv";

    /**
     * The system property that says whether the OpenBLAS kernel has small-matrix GEMM kernels
     * (products of at most {@value #SMALL_MATRIX_LIMIT} multiply-adds without packing or threads):
     * {@code true} or {@code false}. {@code Nn4jPlatform} sets it from the kernel it selects
     * (SkylakeX and Cooperlake have them); unset means false.
     */
    public static final String SMALL_MATRIX_GEMM_PROPERTY = "nn4j.blas.smallMatrixGemm";

    /** OpenBLAS 0.3.19 takes its small-matrix kernels for products of at most this many multiply-adds. */
    static final long SMALL_MATRIX_LIMIT = 1_000_000;
    /** Column blocks of a split product are a multiple of this many columns. */
    private static final int BLOCK_COLUMNS = 32;

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private static volatile Boolean oneRowByGemv;
    private static volatile Boolean smallMatrixGemm;

    private DirectBlas() {
    }

    /**
     * {@code c = alpha·op(a)·op(b) + beta·c}, as {@code Nd4j.gemm(a, b, c, transA, transB, alpha, beta)}.
     *
     * @param a      {@code [m, k]}, or {@code [k, m]} with {@code transA}
     * @param b      {@code [k, n]}, or {@code [n, k]} with {@code transB}
     * @param c      {@code [m, n]}, overwritten (read too unless {@code beta} is 0)
     * @param transA whether to use {@code aᵀ}
     * @param transB whether to use {@code bᵀ}
     * @param alpha  the product's factor
     * @param beta   {@code c}'s factor
     */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
                            double beta) {
        if (!direct(a, b) || !direct(a, c) || !fits(a, b, c, transA, transB)) {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
            return;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transA ? a.rows() : a.columns());
        int lda = (int) Math.max(1, a.columns());
        int ldb = (int) Math.max(1, b.columns());
        BlasPointers p = BlasPointers.CURRENT.get();
        if (m == 1 && oneRowByGemv()) {
            // c = op(b)ᵀ·a: the row of a is a contiguous vector whether a is [1, k] or [k, 1].
            int order = transB ? NO_TRANS : TRANS;
            int rows = (int) b.rows();
            int columns = (int) b.columns();
            if (c.dataType() == DataType.FLOAT) {
                openblas_nolapack.cblas_sgemv(ROW_MAJOR, order, rows, columns, (float) alpha, p.floats(0, b), ldb,
                        p.floats(1, a), 1, (float) beta, p.floats(2, c), 1);
            } else {
                openblas_nolapack.cblas_dgemv(ROW_MAJOR, order, rows, columns, alpha, p.doubles(0, b), ldb,
                        p.doubles(1, a), 1, beta, p.doubles(2, c), 1);
            }
            return;
        }
        int ta = transA ? TRANS : NO_TRANS;
        int tb = transB ? TRANS : NO_TRANS;
        int block = columnBlock(m, n, k);
        if (block == 0) {
            if (c.dataType() == DataType.FLOAT) {
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, (float) alpha, p.floats(0, a), lda,
                        p.floats(1, b), ldb, (float) beta, p.floats(2, c), n);
            } else {
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta, tb, m, n, k, alpha, p.doubles(0, a), lda,
                        p.doubles(1, b), ldb, beta, p.doubles(2, c), n);
            }
            return;
        }
        boolean floats = c.dataType() == DataType.FLOAT;
        int bytes = floats ? Float.BYTES : Double.BYTES;
        long bAddress = BlasPointers.address(b, bytes);
        long cAddress = BlasPointers.address(c, bytes);
        for (int first = 0; first < n; first += block) {
            int width = Math.min(block, n - first);
            long bBlock = bAddress + (transB ? (long) first * ldb : first) * bytes;   // columns of op(b)
            long cBlock = cAddress + (long) first * bytes;
            if (floats) {
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, m, width, k, (float) alpha, p.floats(0, a), lda,
                        p.floatsAt(1, bBlock), ldb, (float) beta, p.floatsAt(2, cBlock), n);
            } else {
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta, tb, m, width, k, alpha, p.doubles(0, a), lda,
                        p.doublesAt(1, bBlock), ldb, beta, p.doublesAt(2, cBlock), n);
            }
        }
    }

    /**
     * The width of the column blocks a direct {@code [m, k]·[k, n]} product is split into, or 0 for
     * one call. Where the kernel has small-matrix GEMM ({@link #smallMatrixGemm()}) and the product
     * is above its limit of {@value #SMALL_MATRIX_LIMIT} multiply-adds, OpenBLAS would take its
     * packed path: copy all of {@code op(b)} into its packing buffer and wake its threads on every
     * call, which for few rows costs more than the arithmetic. Blocks of columns {@code w} with
     * {@code m·w·k} within the limit each run in the small-matrix kernels instead (no packing, no
     * threads), when {@code w} can be a multiple of {@value #BLOCK_COLUMNS}; otherwise one call.
     *
     * @param m rows of the result
     * @param n columns of the result
     * @param k the inner dimension
     * @return the block width, or 0
     */
    static int columnBlock(long m, long n, long k) {
        if (!smallMatrixGemm() || m * n * k <= SMALL_MATRIX_LIMIT) {
            return 0;
        }
        long widest = SMALL_MATRIX_LIMIT / (m * k) / BLOCK_COLUMNS * BLOCK_COLUMNS;
        return widest >= BLOCK_COLUMNS ? (int) widest : 0;
    }

    /**
     * {@code y = y + alpha·x}, element-wise over two arrays of the same length (BLAS AXPY).
     *
     * @param alpha the factor
     * @param x     any shape
     * @param y     the same length, updated in place
     */
    public static void axpy(double alpha, INDArray x, INDArray y) {
        if (!direct(x, y) || x.length() != y.length()) {
            Nd4j.getBlasWrapper().axpy(alpha, x, y);
            return;
        }
        BlasPointers p = BlasPointers.CURRENT.get();
        int n = (int) x.length();
        if (x.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_saxpy(n, (float) alpha, p.floats(0, x), 1, p.floats(1, y), 1);
        } else {
            openblas_nolapack.cblas_daxpy(n, alpha, p.doubles(0, x), 1, p.doubles(1, y), 1);
        }
    }

    /**
     * Whether {@link #gemm} and {@link #axpy} call OpenBLAS directly on these two arrays (for GEMM,
     * on each pair of its operands): both FLOAT or both DOUBLE, each a non-empty contiguous
     * row-major block of rank 1 or 2 (see {@link KernelPath#floatBlocks}) of at most
     * {@code Integer.MAX_VALUE} elements.
     *
     * @param x an operand
     * @param y another operand
     * @return true for the direct path, false for ND4J's
     */
    public static boolean direct(INDArray x, INDArray y) {
        DataType type = x.dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE) && y.dataType() == type && block(x) && block(y);
    }

    private static boolean block(INDArray array) {
        return array.length() > 0 && array.length() <= Integer.MAX_VALUE && KernelPath.isDenseRowMajor(array);
    }

    /**
     * Whether one-row products go to GEMV: the {@value #ONE_ROW_GEMV_PROPERTY} property, read at
     * the first call.
     *
     * @return true for GEMV, false for GEMM
     */
    public static boolean oneRowByGemv() {
        Boolean gemv = oneRowByGemv;
        if (gemv == null) {
            gemv = Boolean.getBoolean(ONE_ROW_GEMV_PROPERTY);
            oneRowByGemv = gemv;
        }
        return gemv;
    }

    /**
     * Whether the OpenBLAS kernel has small-matrix GEMM kernels: the
     * {@value #SMALL_MATRIX_GEMM_PROPERTY} property, read at the first call.
     *
     * @return true where it has them
     */
    public static boolean smallMatrixGemm() {
        Boolean small = smallMatrixGemm;
        if (small == null) {
            small = Boolean.getBoolean(SMALL_MATRIX_GEMM_PROPERTY);
            smallMatrixGemm = small;
        }
        return small;
    }

    /** Sets the choice {@link #smallMatrixGemm()} returns; {@code null} reads the property again. For tests. */
    static void smallMatrixGemm(Boolean small) {
        smallMatrixGemm = small;
    }

    /** Sets the choice {@link #oneRowByGemv()} returns; {@code null} reads the property again. For tests. */
    static void oneRowByGemv(Boolean gemv) {
        oneRowByGemv = gemv;
    }

    /** Whether the shapes make a product; Nd4j.gemm reports the ones that do not. */
    private static boolean fits(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            return false;
        }
        long m = transA ? a.columns() : a.rows();
        long k = transA ? a.rows() : a.columns();
        long bk = transB ? b.columns() : b.rows();
        long n = transB ? b.rows() : b.columns();
        return k == bk && c.rows() == m && c.columns() == n;
    }
}
