package io.github.nn4j.optim;

/**
 * A learning rate that never changes: {@code lr(t) = rate}.
 *
 * <pre>{@code
 * LearningRateSchedule schedule = LearningRateSchedule.constant(0.01);
 * }</pre>
 *
 * @param rate the rate, positive and finite
 */
public record ConstantRate(double rate) implements LearningRateSchedule {

    /** Checks the rate. */
    public ConstantRate {
        Checks.learningRate(rate);
    }

    @Override
    public double learningRate(int epoch, long step) {
        return rate;
    }
}
