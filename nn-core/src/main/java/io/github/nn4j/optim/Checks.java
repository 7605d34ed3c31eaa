package io.github.nn4j.optim;

/** Argument checks shared by the optimizers and schedules; messages name the setting and value. */
final class Checks {

    private Checks() {
    }

    static double learningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        return learningRate;
    }

    /** Requires {@code 0 ≤ value < 1}, as for momentum and the betas. */
    static double fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }
}
