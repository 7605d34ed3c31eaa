package io.github.nn4j.internal.kernels;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
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
 * <p>Numbers: a row-major GEMM here is the call ND4J's {@code MmulHelper} makes for row-major
 * operands, so results are bitwise those of {@code Nd4j.gemm} (see {@code DirectBlasTest}). A
 * product with one row ({@code [1, k]·[k, n]}) goes to GEMV where {@link #oneRowByGemv()} says so,
 * which sums in another order: equal to float rounding, not bitwise.
 */
public final class DirectBlas {

    /**
     * The system property that sends one-row products to GEMV: {@code true} or {@code false}.
     * {@code Nn4jPlatform} sets it before ND4J loads, from the OpenBLAS kernel it selects (GEMV
     * unless that kernel has small-matrix GEMM kernels, as SkylakeX has); unset means GEMM.
     */
    public static final String ONE_ROW_GEMV_PROPERTY = "nn4j.blas.oneRowGemv";

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private static final ThreadLocal<Pointers> POINTERS = ThreadLocal.withInitial(Pointers::new);

    private static volatile Boolean oneRowByGemv;

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
        Pointers p = POINTERS.get();
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
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, (float) alpha, p.floats(0, a), lda,
                    p.floats(1, b), ldb, (float) beta, p.floats(2, c), n);
        } else {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta, tb, m, n, k, alpha, p.doubles(0, a), lda,
                    p.doubles(1, b), ldb, beta, p.doubles(2, c), n);
        }
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
        Pointers p = POINTERS.get();
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

    /** This thread's pointer objects, pointed anew at each call's arrays. */
    private static final class Pointers {

        private final FloatAt[] floats = {new FloatAt(), new FloatAt(), new FloatAt()};
        private final DoubleAt[] doubles = {new DoubleAt(), new DoubleAt(), new DoubleAt()};

        FloatPointer floats(int slot, INDArray array) {
            return floats[slot].at(address(array, Float.BYTES));
        }

        DoublePointer doubles(int slot, INDArray array) {
            return doubles[slot].at(address(array, Double.BYTES));
        }

        /**
         * The address of the array's first element. {@code data().address()} is the start of the
         * whole allocation even for a view's buffer, and {@code offset()} counts from there.
         */
        private static long address(INDArray array, int bytes) {
            return array.data().address() + array.offset() * bytes;
        }
    }

    /** A float pointer whose address is set for each call; it owns no memory. */
    private static final class FloatAt extends FloatPointer {

        FloatAt() {
            super((Pointer) null);
        }

        FloatAt at(long elementAddress) {
            address = elementAddress;
            return this;
        }
    }

    /** A double pointer whose address is set for each call; it owns no memory. */
    private static final class DoubleAt extends DoublePointer {

        DoubleAt() {
            super((Pointer) null);
        }

        DoubleAt at(long elementAddress) {
            address = elementAddress;
            return this;
        }
    }
}
