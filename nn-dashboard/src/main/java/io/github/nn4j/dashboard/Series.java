package io.github.nn4j.dashboard;

import java.util.Arrays;

/**
 * One curve of a run, {@code (x, y)} points in the order they came, in bounded memory however long
 * the run (its arrays grow with the points, up to the capacity): when {@link #capacity} points are held, every other one is dropped and from then on
 * only every second offered point is kept (then every fourth, …). The points kept are values
 * that were offered, never averages, at evenly spaced offers. Each thinning raises
 * {@link #generation()}, so a reader that copied a prefix knows to copy the whole series again.
 *
 * <p>Not thread-safe: its {@link RunRecord} guards it.
 */
final class Series {

    private static final int FIRST_ALLOCATION = 16;

    private final int capacity;
    private double[] xs;
    private double[] ys;
    private int size;
    private long offered;
    private long stride = 1;
    private int generation;

    /**
     * An empty series.
     *
     * @param capacity the most points held, even and at least 2
     */
    Series(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("a series holds an even number of points, at least 2, got " + capacity);
        }
        this.capacity = capacity;
        xs = new double[Math.min(capacity, FIRST_ALLOCATION)];
        ys = new double[xs.length];
    }

    /**
     * Offers a point; it is kept when it falls on the current stride.
     *
     * @param x the position, e.g. the step
     * @param y the value; NaN or infinite values are kept and written as gaps
     */
    void offer(double x, double y) {
        if (offered++ % stride != 0) {
            return;
        }
        if (size == capacity) {
            thin();
            if ((offered - 1) % stride != 0) {
                return;
            }
        }
        if (size == xs.length) {   // arrays grow with the points, up to the capacity
            xs = Arrays.copyOf(xs, Math.min(capacity, 2 * size));
            ys = Arrays.copyOf(ys, xs.length);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** Keeps points 0, 2, 4, … and doubles the stride. */
    private void thin() {
        int kept = 0;
        for (int i = 0; i < size; i += 2) {
            xs[kept] = xs[i];
            ys[kept] = ys[i];
            kept++;
        }
        size = kept;
        stride *= 2;
        generation++;
    }

    /** The most points held. */
    int capacity() {
        return capacity;
    }

    /** The points held now. */
    int size() {
        return size;
    }

    /** How many times the series has been thinned. */
    int generation() {
        return generation;
    }

    /** The offers per point kept now: 1, 2, 4, … */
    long stride() {
        return stride;
    }

    /** Position of point {@code i}. */
    double x(int i) {
        return xs[i];
    }

    /** Value of point {@code i}. */
    double y(int i) {
        return ys[i];
    }

    /** The last value, or NaN when empty. */
    double last() {
        return size == 0 ? Double.NaN : ys[size - 1];
    }

    /** A copy of the positions held. */
    double[] xs() {
        return Arrays.copyOf(xs, size);
    }

    /** A copy of the values held. */
    double[] ys() {
        return Arrays.copyOf(ys, size);
    }

    /**
     * A series holding exactly these points, as a saved run recorded them.
     *
     * @param capacity   the most points held
     * @param xs         positions
     * @param ys         values
     * @param generation the thinnings the saved series had been through
     * @return the series
     */
    static Series of(int capacity, double[] xs, double[] ys, int generation) {
        if (xs.length != ys.length || xs.length > capacity) {
            throw new IllegalArgumentException("a series needs as many positions as values, at most " + capacity
                    + ", got " + xs.length + " and " + ys.length);
        }
        Series series = new Series(capacity);
        series.xs = Arrays.copyOf(xs, Math.max(xs.length, 1));
        series.ys = Arrays.copyOf(ys, Math.max(ys.length, 1));
        series.size = xs.length;
        series.generation = generation;
        series.stride = 1L << Math.min(generation, 62);
        series.offered = (long) xs.length * series.stride;
        return series;
    }
}
