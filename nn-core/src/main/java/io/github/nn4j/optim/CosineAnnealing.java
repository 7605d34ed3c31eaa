package io.github.nn4j.optim;

/**
 * Cosine annealing from {@code initial} to {@code minimum} over {@code length} units, then
 * {@code minimum} (PyTorch's {@code CosineAnnealingLR} up to {@code T_max}, without restarts):
 *
 * <pre>
 * lr(t) = minimum + (initial − minimum)·(1 + cos(π·t / length)) / 2     for t ≤ length
 * lr(t) = minimum                                                       for t > length
 * </pre>
 *
 * <pre>{@code
 * LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 1e-4, 50);   // 50 epochs
 * }</pre>
 *
 * <p>A {@code minimum} of 0 gives a rate of 0 at {@code t = length}, which optimizers reject;
 * such a schedule returns {@code Double.MIN_NORMAL} there instead, a step that changes nothing.
 *
 * @param initial the rate at t = 0, positive
 * @param minimum the final rate, 0 ≤ minimum ≤ initial
 * @param length  units from initial to minimum, at least 1
 * @param unit    what t counts
 */
public record CosineAnnealing(double initial, double minimum, long length, Unit unit)
        implements LearningRateSchedule {

    /** Checks the settings. */
    public CosineAnnealing {
        Checks.learningRate(initial);
        if (!(minimum >= 0 && minimum <= initial)) {
            throw new IllegalArgumentException("cosine annealing minimum must be in [0, " + initial + "], got "
                    + minimum);
        }
        if (length < 1) {
            throw new IllegalArgumentException("cosine annealing length must be at least 1, got " + length);
        }
        if (unit == null) {
            throw new IllegalArgumentException("cosine annealing needs a unit (EPOCH or STEP)");
        }
    }

    @Override
    public double learningRate(int epoch, long step) {
        long t = Math.min(unit.of(epoch, step), length);
        double rate = minimum + (initial - minimum) * (1 + Math.cos(Math.PI * t / length)) / 2;
        return Math.max(rate, Double.MIN_NORMAL);
    }
}
