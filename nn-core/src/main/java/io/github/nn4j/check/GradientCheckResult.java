package io.github.nn4j.check;

/**
 * The outcome of a numerical gradient check.
 *
 * @param checked          number of entries compared
 * @param maxRelativeError the largest {@code |analytic − numeric| / max(|analytic| + |numeric|, 1e-8)}, counting
 *                         differences below {@link GradientCheck#ABSOLUTE_FLOOR} as 0
 * @param worstEntry       where it occurred, e.g. {@code dense0.W[3]} or {@code input[5]}
 * @param analytic         the analytic derivative there
 * @param numeric          the central-difference estimate there
 */
public record GradientCheckResult(int checked, double maxRelativeError, String worstEntry, double analytic,
                                  double numeric) {

    /**
     * Whether every entry agreed within {@code tolerance} (relative error).
     *
     * @param tolerance e.g. 1e-6 for smooth functions in double precision
     * @return true if the check passed
     */
    public boolean passed(double tolerance) {
        return maxRelativeError <= tolerance;
    }

    @Override
    public String toString() {
        return String.format("checked %d entries, max relative error %.3g at %s (analytic %.10g, numeric %.10g)",
                checked, maxRelativeError, worstEntry, analytic, numeric);
    }
}
