package io.github.nn4j.internal.kernels;

/**
 * Per-thread heap arrays of doubles in which the normalization kernels' Java loops accumulate a
 * row's or a column's sums, grown to the longest length seen and reused, so a loop allocates
 * nothing once warm.
 */
final class ColumnScratch {

    private static final ThreadLocal<double[][]> ARRAYS = ThreadLocal.withInitial(() -> new double[4][0]);

    private ColumnScratch() {
    }

    /**
     * This thread's four double arrays, each at least {@code length} long (contents unspecified).
     * A loop must not call another normalization kernel while it uses them.
     */
    static double[][] atLeast(int length) {
        double[][] arrays = ARRAYS.get();
        if (arrays[0].length < length) {
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = new double[Math.max(length, 64)];
            }
        }
        return arrays;
    }
}
