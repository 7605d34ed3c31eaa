package io.github.nn4j.optim;

/**
 * Exponential decay: the rate shrinks by {@code gamma} every unit (PyTorch's
 * {@code ExponentialLR}): {@code lr(t) = initial·gamma^t}.
 *
 * <pre>{@code
 * LearningRateSchedule schedule = LearningRateSchedule.exponential(0.1, 0.95);   // per epoch
 * LearningRateSchedule perStep = new ExponentialDecay(0.1, 0.9999, LearningRateSchedule.Unit.STEP);
 * }</pre>
 *
 * @param initial the rate at t = 0, positive
 * @param gamma   the factor per unit, in (0, 1]
 * @param unit    what t counts
 */
public record ExponentialDecay(double initial, double gamma, Unit unit) implements LearningRateSchedule {

    /** Checks the settings. */
    public ExponentialDecay {
        Checks.learningRate(initial);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("exponential decay gamma must be in (0, 1], got " + gamma);
        }
        if (unit == null) {
            throw new IllegalArgumentException("exponential decay needs a unit (EPOCH or STEP)");
        }
    }

    @Override
    public double learningRate(int epoch, long step) {
        return Math.max(initial * Math.pow(gamma, unit.of(epoch, step)), Double.MIN_NORMAL);
    }
}
