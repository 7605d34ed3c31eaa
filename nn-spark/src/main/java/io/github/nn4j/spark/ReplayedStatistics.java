package io.github.nn4j.spark;

import io.github.nn4j.base.BatchStatistics;
import io.github.nn4j.base.ColumnMoments;
import java.util.List;

/**
 * A partition's {@link BatchStatistics} in one synchronous step with BatchNorm: it answers the
 * layers' calls, in their order, from the global values the driver has gathered so far, and at the
 * first call it has no answer for, it stops the pass ({@link Pending}) with this partition's values
 * for that round. The driver combines the partitions' values into the global ones and runs the step
 * again with one more round known; a replay computes the same numbers (the same weights, rows,
 * dropout masks and answers), so the last run, with every round known, is the step.
 */
final class ReplayedStatistics implements BatchStatistics {

    private final List<RoundValues> known;
    private int calls;

    ReplayedStatistics(List<RoundValues> known) {
        this.known = known;
    }

    @Override
    public ColumnMoments batchMoments(ColumnMoments local) {
        if (calls == known.size()) {
            throw new Pending(RoundValues.moments(local));
        }
        return known.get(calls++).toMoments();
    }

    @Override
    public void batchGradientSums(double[] gradientSums, double[] normalizedGradientSums) {
        if (calls == known.size()) {
            throw new Pending(RoundValues.sums(gradientSums, normalizedGradientSums));
        }
        RoundValues global = known.get(calls++);
        System.arraycopy(global.first, 0, gradientSums, 0, gradientSums.length);
        System.arraycopy(global.second, 0, normalizedGradientSums, 0, normalizedGradientSums.length);
    }

    /** Stops a pass at a round whose global values are not known yet, carrying this partition's. */
    static final class Pending extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final transient RoundValues local;

        Pending(RoundValues local) {
            super("batch statistics round pending", null, false, false);
            this.local = local;
        }
    }
}
