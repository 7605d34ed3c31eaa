package io.github.nn4j.examples.plot;

/**
 * An even grid of {@code steps × steps} points over the square {@code [low, high]²}: where a
 * two-input model is evaluated to draw its decision regions.
 *
 * <pre>{@code
 * Grid grid = new Grid(-0.5, 1.5, 5);
 * grid.coordinate(0);   // -0.5
 * grid.coordinate(4);   // 1.5
 * grid.spacing();       // 0.5
 * }</pre>
 *
 * @param low   the lower end of both axes
 * @param high  the upper end of both axes
 * @param steps grid points per axis, at least 2
 */
public record Grid(double low, double high, int steps) {

    /** Checks that the grid has at least two points per axis over a non-empty range. */
    public Grid {
        if (steps < 2 || !(high > low)) {
            throw new IllegalArgumentException("a grid needs low < high and at least 2 steps, got [" + low + ", "
                    + high + "] in " + steps);
        }
    }

    /**
     * The position of grid line {@code index} on either axis.
     *
     * @param index from 0 ({@code low}) to {@code steps − 1} ({@code high})
     * @return the coordinate
     */
    public double coordinate(int index) {
        return low + (high - low) * index / (steps - 1);
    }

    /** The distance between neighbouring grid lines. */
    public double spacing() {
        return (high - low) / (steps - 1);
    }

    /**
     * Every grid point as a row {@code (x1, x2)}, point {@code (i, j)} at row {@code i·steps + j}.
     *
     * @return {@code steps²} rows of two coordinates, as a model's input
     */
    public float[][] points() {
        float[][] points = new float[steps * steps][2];
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                points[i * steps + j][0] = (float) coordinate(i);
                points[i * steps + j][1] = (float) coordinate(j);
            }
        }
        return points;
    }
}
