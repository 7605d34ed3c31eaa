package io.github.nn4j.optim;

/**
 * The learning rate as a function of training time. A schedule is asked before every optimizer
 * step with both clocks, and each schedule counts in the {@link Unit} it was built with:
 *
 * <pre>{@code
 * LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0.0, 50).withWarmup(200);
 * // in the training loop, before each step:
 * optimizer.setLearningRate(schedule.learningRate(epoch, optimizer.steps()));
 * optimizer.step(model.parameterSet());
 * }</pre>
 *
 * <p>Both clocks start at 0: {@code epoch} is the index of the current pass over the data and
 * {@code step} the number of optimizer steps taken before this one ({@link Optimizer#steps()}),
 * across epochs. Schedules are immutable values; the same arguments always give the same rate.
 */
public interface LearningRateSchedule {

    /** What a schedule counts: passes over the data, or optimizer steps. */
    enum Unit {
        /** Counts epochs: the rate changes between passes over the data (PyTorch's usual use). */
        EPOCH,
        /** Counts optimizer steps: the rate changes between mini-batches. */
        STEP;

        /**
         * Picks the clock this unit counts.
         *
         * @param epoch the epoch index
         * @param step  the step index
         * @return {@code epoch} for EPOCH, {@code step} for STEP
         */
        public long of(int epoch, long step) {
            return this == EPOCH ? epoch : step;
        }
    }

    /**
     * The rate for the step about to be taken.
     *
     * @param epoch the current epoch, from 0
     * @param step  the number of steps taken so far, from 0
     * @return a positive learning rate
     */
    double learningRate(int epoch, long step);

    /**
     * Puts a linear warm-up of {@code steps} optimizer steps in front of this schedule: the rate
     * is this schedule's rate times {@code min(1, (step + 1) / steps)}.
     *
     * @param steps warm-up length in optimizer steps, at least 1
     * @return the warmed-up schedule
     */
    default LearningRateSchedule withWarmup(long steps) {
        return new LinearWarmup(steps, Unit.STEP, this);
    }

    /**
     * A fixed rate.
     *
     * @param rate the rate, positive
     * @return {@code lr(t) = rate}
     */
    static LearningRateSchedule constant(double rate) {
        return new ConstantRate(rate);
    }

    /**
     * Multiplies the rate by {@code gamma} every {@code every} epochs (PyTorch's {@code StepLR}).
     *
     * @param initial the rate of epoch 0
     * @param every   epochs between decays
     * @param gamma   the factor, in (0, 1]
     * @return {@code lr(e) = initial·gamma^⌊e / every⌋}
     */
    static LearningRateSchedule stepDecay(double initial, long every, double gamma) {
        return new StepDecay(initial, every, gamma, Unit.EPOCH);
    }

    /**
     * Multiplies the rate by {@code gamma} every epoch (PyTorch's {@code ExponentialLR}).
     *
     * @param initial the rate of epoch 0
     * @param gamma   the factor per epoch, in (0, 1]
     * @return {@code lr(e) = initial·gamma^e}
     */
    static LearningRateSchedule exponential(double initial, double gamma) {
        return new ExponentialDecay(initial, gamma, Unit.EPOCH);
    }

    /**
     * Cosine annealing from {@code initial} down to {@code minimum} over {@code epochs} epochs,
     * then {@code minimum} (PyTorch's {@code CosineAnnealingLR} for its first half-period).
     *
     * @param initial the rate of epoch 0
     * @param minimum the final rate, 0 ≤ minimum ≤ initial
     * @param epochs  the length of the decay
     * @return {@code lr(e) = min + (initial − min)·(1 + cos(π·e / epochs)) / 2}
     */
    static LearningRateSchedule cosine(double initial, double minimum, long epochs) {
        return new CosineAnnealing(initial, minimum, epochs, Unit.EPOCH);
    }
}
