package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one rule every kernel follows to choose between its two implementations, and the
 * per-thread scratch arrays its Java loops use.
 *
 * <p>The rule: a kernel runs its Java loop when every array it touches is a {@link #floatBlocks
 * float block} (float, a contiguous row-major run of memory), and ND4J's native operation
 * otherwise: for double precision, for views with gaps, for other layouts. A Java loop that runs on
 * one thread has a size limit besides: above {@link #javaMaxElements()} numbers ND4J's
 * multi-threaded loops win, so {@link #javaPath} sends longer arrays to ND4J. A kernel whose Java
 * loop splits long arrays between threads itself (Adam's update) or has no single ND4J operation
 * to hand over to (the dropout mask) asks {@link #floatBlocks} alone.
 *
 * <p>The Java loops copy {@value #CHUNK}-element chunks of the off-heap buffer into small heap
 * arrays, where the JIT vectorizes the arithmetic, and copy the results back: a hidden layer's
 * activations at batch 32–128 take less time this way than one ND4J operation takes to dispatch.
 * The limit is {@value #DEFAULT_JAVA_MAX_ELEMENTS} numbers by default. The system property
 * {@value #MAX_ELEMENTS_PROPERTY} sets it for the whole JVM when this class loads
 * ({@code -Dnn4j.javaKernelMaxElements=0} sends every size-limited kernel to ND4J), and
 * {@link #setJavaMaxElements} sets it from code at any time, e.g. in a test or a benchmark.
 */
public final class KernelPath {

    /** The limit when nothing sets another: 131,072 numbers (2<sup>17</sup>). */
    public static final long DEFAULT_JAVA_MAX_ELEMENTS = 131_072;
    /** The system property read when this class loads: a whole number of elements, 0 or more. */
    public static final String MAX_ELEMENTS_PROPERTY = "nn4j.javaKernelMaxElements";

    private static volatile long javaMaxElements = maxElements(System.getProperty(MAX_ELEMENTS_PROPERTY));

    /** Elements per bulk copy of a Java loop: four such float arrays fit the first-level cache. */
    public static final int CHUNK = 2048;

    /** Per-thread heap scratch: four chunk-sized arrays. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    private KernelPath() {
    }

    /**
     * The size limit of the single-threaded Java loops.
     *
     * @return arrays up to this many elements are processed by them
     */
    public static long javaMaxElements() {
        return javaMaxElements;
    }

    /**
     * Sets the size limit of the single-threaded Java loops for every thread, from the next
     * kernel call on. Both paths compute the same formulas, so the limit changes the speed of
     * training and, by float rounding, its last bits.
     *
     * @param elements arrays up to this many elements take the Java loops; 0 sends every
     *                 size-limited kernel to ND4J
     * @return the limit before
     * @throws IllegalArgumentException when {@code elements} is negative
     */
    public static long setJavaMaxElements(long elements) {
        if (elements < 0) {
            throw new IllegalArgumentException("the Java kernels' size limit must be 0 or more, got " + elements);
        }
        long before = javaMaxElements;
        javaMaxElements = elements;
        return before;
    }

    /**
     * The limit a value of {@value #MAX_ELEMENTS_PROPERTY} gives, as {@code Long.getLong} reads it:
     * the default when it is absent or not a whole number, 0 for a negative number.
     *
     * @param property the property's value, or {@code null}
     * @return the limit
     */
    static long maxElements(String property) {
        if (property == null) {
            return DEFAULT_JAVA_MAX_ELEMENTS;
        }
        try {
            return Math.max(0, Long.decode(property));
        } catch (NumberFormatException e) {
            return DEFAULT_JAVA_MAX_ELEMENTS;
        }
    }

    /**
     * The rule for a single-threaded Java loop: whether every array is a float block of at most
     * {@link #javaMaxElements()} elements.
     *
     * @param arrays the arrays the kernel reads and writes
     * @return true to run the Java loop, false to call ND4J
     */
    public static boolean javaPath(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (!javaPath(array)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #javaPath(INDArray...)} for one array, without the varargs array (a kernel call allocates nothing). */
    public static boolean javaPath(INDArray array) {
        return array.length() <= javaMaxElements && floatBlocks(array);
    }

    /** {@link #javaPath(INDArray...)} for two arrays. */
    public static boolean javaPath(INDArray a, INDArray b) {
        return javaPath(a) && javaPath(b);
    }

    /** {@link #javaPath(INDArray...)} for three arrays. */
    public static boolean javaPath(INDArray a, INDArray b, INDArray c) {
        return javaPath(a) && javaPath(b) && javaPath(c);
    }

    /**
     * The rule for a Java loop of any length: whether every array is float and lies in one
     * contiguous run of its buffer in row-major order (a vector with stride 1, or a matrix whose
     * rows are contiguous and adjacent), so that element {@code i} is at {@code offset + i}. A view
     * with gaps (a column, a slice of columns, every other element) is not a block.
     *
     * @param arrays the arrays the kernel reads and writes
     * @return true when a Java loop may walk every array's buffer from its offset
     */
    public static boolean floatBlocks(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (!floatBlocks(array)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #floatBlocks(INDArray...)} for one array, without the varargs array. */
    public static boolean floatBlocks(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.length() <= Integer.MAX_VALUE && isDenseRowMajor(array);
    }

    /** Whether a row-wise kernel may run in Java: {@link #javaPath} and rows no longer than a chunk. */
    static boolean javaRowPath(INDArray matrix, INDArray row) {
        return matrix.columns() <= CHUNK && javaPath(matrix, row);
    }

    /** Whether {@code array}'s elements lie in one contiguous run in row-major order (any data type). */
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

    /**
     * The float buffer holding a {@link #floatBlocks float block}'s elements, positioned so that
     * index 0 is its first.
     *
     * <p>The view is made once per buffer and offset on each thread and then reused (see
     * {@link BufferViews}), so a kernel call allocates nothing. It is shared by every call on this
     * thread: read and write it with the absolute {@code get(index, …)} and {@code put(index, …)} only.
     *
     * @param array a float block
     * @return a buffer over the array's memory (writes go to the array)
     */
    public static FloatBuffer floats(INDArray array) {
        return BufferViews.floats(array);
    }

    /**
     * A new array with {@code array}'s values and shape: for a {@link #floatBlocks float block} one
     * allocation and one bulk copy in Java, not an ND4J operation; otherwise {@code array.dup()}.
     *
     * @param array any array
     * @return a new row-major array, never a view
     */
    public static INDArray copyOf(INDArray array) {
        if (!floatBlocks(array)) {
            return array.dup();
        }
        INDArray copy = Nd4j.createUninitialized(DataType.FLOAT, array.shape());
        floats(copy).put(0, floats(array), 0, (int) array.length());
        return copy;
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

    /**
     * This thread's four {@link #CHUNK}-sized scratch arrays, for a Java loop that copies chunks
     * in and out. A loop must not call another kernel while it uses them.
     *
     * @return the arrays, the same ones on every call from this thread
     */
    public static float[][] scratch() {
        return SCRATCH.get();
    }
}
