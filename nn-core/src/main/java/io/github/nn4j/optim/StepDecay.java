package io.github.nn4j.optim;

/**
 * Step decay: the rate drops by a factor {@code gamma} every {@code every} units (PyTorch's
 * {@code StepLR}): {@code lr(t) = initial·gamma^⌊t / every⌋}.
 *
 * <pre>{@code
 * // 0.1 for epochs 0–29, 0.01 for 30–59, 0.001 for 60–89, …
 * LearningRateSchedule schedule = LearningRateSchedule.stepDecay(0.1, 30, 0.1);
 * }</pre>
 *
 * @param initial the rate at t = 0, positive
 * @param every   units between drops, at least 1
 * @param gamma   the factor per drop, in (0, 1]
 * @param unit    what t counts
 */
public record StepDecay(double initial, long every, double gamma, Unit unit) implements LearningRateSchedule {

    /** Checks the settings. */
    public StepDecay {
        Checks.learningRate(initial);
        if (every < 1) {
            throw new IllegalArgumentException("step decay needs at least 1 unit between drops, got " + every);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step decay gamma must be in (0, 1], got " + gamma);
        }
        if (unit == null) {
            throw new IllegalArgumentException("step decay needs a unit (EPOCH or STEP)");
        }
    }

    @Override
    public double learningRate(int epoch, long step) {
        return initial * Math.pow(gamma, Math.floorDiv(unit.of(epoch, step), every));
    }
}
