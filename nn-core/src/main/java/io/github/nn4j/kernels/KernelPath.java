package io.github.nn4j.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one rule every kernel follows to choose between its two implementations: a Java loop when
 * all its arrays are float, contiguous row-major blocks of at most {@link #javaMaxElements()}
 * numbers, ND4J's native operation otherwise; and the per-thread scratch arrays the Java loops use.
 *
 * <p>An ND4J operation costs 10–30 µs to dispatch (more when its OpenMP threads have to wake up),
 * while a hidden layer's activations at batch 32–128 hold only 4,000–65,000 numbers. The Java
 * loops copy {@value #CHUNK}-element chunks of the off-heap buffer into small heap arrays, where
 * the JIT vectorizes the arithmetic, and copy the results back. Above {@link #javaMaxElements()}
 * numbers (131,072 by default; set the system property {@code nn4j.javaKernelMaxElements} to
 * change it, 0 to always use ND4J) ND4J's multi-threaded loops win and are used instead.
 */
public final class KernelPath {

    private static final long JAVA_MAX_ELEMENTS = Long.getLong("nn4j.javaKernelMaxElements", 1L << 17);

    /** Elements per bulk copy: four such float arrays fit the first-level cache. */
    static final int CHUNK = 2048;

    /** Per-thread heap scratch: four chunk-sized arrays. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    private KernelPath() {
    }

    /** Arrays up to this many elements are processed by Java loops (float, contiguous, row-major). */
    public static long javaMaxElements() {
        return JAVA_MAX_ELEMENTS;
    }

    /** Whether every array is float, a contiguous row-major block and at most {@link #javaMaxElements()} long. */
    static boolean javaPath(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array.length() > JAVA_MAX_ELEMENTS || !isFloatBlock(array)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a row-wise kernel may run in Java: {@link #javaPath} and rows no longer than a chunk. */
    static boolean javaRowPath(INDArray matrix, INDArray row) {
        return matrix.columns() <= CHUNK && javaPath(matrix, row);
    }

    static boolean isFloatBlock(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.length() <= Integer.MAX_VALUE && isDenseRowMajor(array);
    }

    static boolean isDenseRowMajor(INDArray array) {
        if (array.rank() == 1) {
            return array.stride(0) == 1;
        }
        if (array.rank() != 2) {
            return false;
        }
        long columns = array.columns();
        boolean rowContiguous = columns == 1 || array.stride(1) == 1;
        boolean rowsAdjacent = array.rows() == 1 || array.stride(0) == columns;
        return rowContiguous && rowsAdjacent;
    }

    /** The float buffer holding {@code array}'s elements, positioned so that index 0 is its first. */
    static FloatBuffer floats(INDArray array) {
        FloatBuffer buffer = array.data().asNioFloat();
        return buffer.position((int) array.offset()).slice();
    }

    /**
     * How many whole rows of {@code columns} numbers go into one chunk, and a chunk-sized copy
     * of {@code row} repeated that many times in {@code into}.
     */
    static int tileRows(FloatBuffer row, int columns, float[] into) {
        int rowsPerChunk = CHUNK / columns;
        row.get(0, into, 0, columns);
        for (int r = 1; r < rowsPerChunk; r++) {
            System.arraycopy(into, 0, into, r * columns, columns);
        }
        return rowsPerChunk;
    }

    /** This thread's four chunk-sized scratch arrays. */
    static float[][] scratch() {
        return SCRATCH.get();
    }
}
