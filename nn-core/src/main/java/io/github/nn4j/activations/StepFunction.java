package io.github.nn4j.activations;

/** The M-P neuron's step: 1 where {@code z ≥ 0}, else 0. */
final class StepFunction extends ThresholdFunction {

    static final StepFunction INSTANCE = new StepFunction();

    private StepFunction() {
        super("step", 0.0, 1.0);
    }
}
