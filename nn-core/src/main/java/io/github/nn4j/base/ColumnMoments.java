package io.github.nn4j.base;

import java.util.Arrays;

/**
 * The count, column means and column sums of squared deviations from the mean ({@code m2}) of
 * some rows of a {@code [rows, n]} batch, in double precision: what a batch-normalization layer
 * needs of its input, in a form that several parts of a batch combine exactly
 * ({@link #plus}). The biased variance of column j is {@code m2[j] / count}.
 *
 * <pre>{@code
 * ColumnMoments whole = firstRows.plus(otherRows);   // the moments of all rows, as if computed at once
 * }</pre>
 *
 * @param count the rows, 0 or more
 * @param mean  each column's mean (zeros for no rows)
 * @param m2    each column's sum of squared deviations from its mean
 */
public record ColumnMoments(long count, double[] mean, double[] m2) {

    /**
     * Checks the shapes.
     *
     * @throws IllegalArgumentException when the count is negative or the arrays differ in length
     */
    public ColumnMoments {
        if (count < 0 || mean == null || m2 == null || mean.length != m2.length) {
            throw new IllegalArgumentException("column moments need a count ≥ 0 and means and m2 of one length, got "
                    + count + ", " + (mean == null ? null : mean.length) + " and " + (m2 == null ? null : m2.length));
        }
    }

    /** The moments of no rows over {@code columns} columns. */
    public static ColumnMoments empty(int columns) {
        return new ColumnMoments(0, new double[columns], new double[columns]);
    }

    /** The number of columns. */
    public int columns() {
        return mean.length;
    }

    /**
     * The moments of these rows and {@code other}'s together (Chan, Golub and LeVeque's pairwise
     * update, as PyTorch's SyncBatchNorm combines its workers' statistics): with
     * {@code δ = mean_b − mean_a} and {@code n = n_a + n_b},
     * {@code mean = mean_a + δ·n_b/n} and {@code m2 = m2_a + m2_b + δ²·n_a·n_b/n}.
     *
     * @param other moments of other rows over the same columns
     * @return new moments; either side with no rows gives the other unchanged
     * @throws IllegalArgumentException when the column counts differ
     */
    public ColumnMoments plus(ColumnMoments other) {
        if (other.columns() != columns()) {
            throw new IllegalArgumentException("cannot combine moments of " + columns() + " and " + other.columns()
                    + " columns");
        }
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        double[] mu = new double[columns()];
        double[] sq = new double[columns()];
        double weight = (double) other.count / n;
        double cross = (double) count * other.count / n;
        for (int j = 0; j < mu.length; j++) {
            double delta = other.mean[j] - mean[j];
            mu[j] = mean[j] + delta * weight;
            sq[j] = m2[j] + other.m2[j] + delta * delta * cross;
        }
        return new ColumnMoments(n, mu, sq);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnMoments other && count == other.count && Arrays.equals(mean, other.mean)
                && Arrays.equals(m2, other.m2);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(count) + Arrays.hashCode(mean)) + Arrays.hashCode(m2);
    }

    @Override
    public String toString() {
        return "ColumnMoments(" + count + " rows, mean " + Arrays.toString(mean) + ", m2 " + Arrays.toString(m2) + ")";
    }
}
