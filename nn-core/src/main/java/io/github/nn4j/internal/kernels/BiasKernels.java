package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bias add and the bias gradient of a dense layer, on the {@link KernelPath} rule.
 */
public final class BiasKernels {

    /**
     * Per thread and data type, a column of ones as long as the longest batch seen so far
     * (slots 0, 1), and the view of its first rows the last call used (slots 2, 3).
     */
    private static final ThreadLocal<INDArray[]> ONES = ThreadLocal.withInitial(() -> new INDArray[4]);

    private BiasKernels() {
    }

    /**
     * {@code matrix += row} for every row (the bias add of a dense layer).
     *
     * @param matrix {@code [rows, n]}, updated in place
     * @param row    {@code [1, n]}
     */
    public static void addRowVector(INDArray matrix, INDArray row) {
        if (!KernelPath.javaRowPath(matrix, row)) {
            matrix.addiRowVector(row);
            return;
        }
        FloatBuffer m = KernelPath.floats(matrix);
        int columns = (int) matrix.columns();
        float[][] scratch = KernelPath.scratch();
        float[] values = scratch[0];
        float[] tiled = scratch[1];
        int step = KernelPath.tileRows(KernelPath.floats(row), columns, tiled) * columns;
        for (int start = 0, n = (int) matrix.length(); start < n; start += step) {
            int length = Math.min(step, n - start);
            m.get(start, values, 0, length);
            for (int i = 0; i < length; i++) {
                values[i] += tiled[i];
            }
            m.put(start, values, 0, length);
        }
    }

    /**
     * {@code into = Σ_rows matrix} (the bias gradient of a dense layer), overwriting {@code into}.
     *
     * @param matrix {@code [rows, n]}
     * @param into   {@code [1, n]}
     */
    public static void columnSums(INDArray matrix, INDArray into) {
        if (!KernelPath.javaRowPath(matrix, into)) {
            // onesᵀ·matrix as one GEMM: faster than ND4J's column reduction (docs/performance.md).
            DirectBlas.gemm(ones(matrix.rows(), matrix.dataType()), matrix, into, true, false, 1.0, 0.0);
            return;
        }
        FloatBuffer m = KernelPath.floats(matrix);
        int columns = (int) matrix.columns();
        float[][] scratch = KernelPath.scratch();
        float[] values = scratch[0];
        float[] sums = scratch[1];
        java.util.Arrays.fill(sums, 0, columns, 0f);
        int step = (KernelPath.CHUNK / columns) * columns;
        for (int start = 0, n = (int) matrix.length(); start < n; start += step) {
            int length = Math.min(step, n - start);
            m.get(start, values, 0, length);
            for (int base = 0; base < length; base += columns) {
                for (int j = 0; j < columns; j++) {
                    sums[j] += values[base + j];
                }
            }
        }
        KernelPath.floats(into).put(0, sums, 0, columns);
    }

    /** A {@code [rows, 1]} column of ones, a view of a per-thread buffer that only grows. */
    private static INDArray ones(long rows, DataType type) {
        INDArray[] cache = ONES.get();
        int slot = type == DataType.DOUBLE ? 1 : 0;
        INDArray column = cache[slot];
        if (column == null || column.rows() < rows || column.dataType() != type) {
            column = Nd4j.ones(type, Math.max(rows, 64), 1);
            cache[slot] = column;
            cache[slot + 2] = null;
        }
        if (column.rows() == rows) {
            return column;
        }
        INDArray view = cache[slot + 2];
        if (view == null || view.rows() != rows) {
            view = Nd4j.create(column.data(), new long[] {rows, 1}, new long[] {1, 1}, 0L, 'c', type);
            cache[slot + 2] = view;
        }
        return view;
    }

}
