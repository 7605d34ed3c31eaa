package io.github.nn4j.optim;

/**
 * A linear warm-up in front of another schedule: the rate ramps up over the first
 * {@code length} units and then follows {@code after}:
 *
 * <pre>
 * lr(t) = after(t)·(t + 1) / length     for t &lt; length
 * lr(t) = after(t)                      for t ≥ length
 * </pre>
 * The first step uses {@code after/length} (never 0) and step {@code length − 1} the full rate.
 * The wrapped schedule keeps its own clock, so a cosine decay over epochs and a warm-up over
 * steps combine as expected.
 *
 * <pre>{@code
 * LearningRateSchedule schedule = LearningRateSchedule.cosine(1e-3, 0, 30).withWarmup(500);
 * }</pre>
 *
 * @param length units of warm-up, at least 1
 * @param unit   what t counts (usually {@link Unit#STEP})
 * @param after  the schedule being warmed up
 */
public record LinearWarmup(long length, Unit unit, LearningRateSchedule after) implements LearningRateSchedule {

    /** Checks the settings. */
    public LinearWarmup {
        if (length < 1) {
            throw new IllegalArgumentException("warm-up length must be at least 1, got " + length);
        }
        if (unit == null || after == null) {
            throw new IllegalArgumentException("warm-up needs a unit and a schedule to warm up, got " + unit + ", "
                    + after);
        }
    }

    @Override
    public double learningRate(int epoch, long step) {
        long t = unit.of(epoch, step);
        double rate = after.learningRate(epoch, step);
        return t >= length ? rate : rate * (t + 1) / length;
    }
}
