package io.github.nn4j.activations;

/** The perceptron's sign: +1 where {@code z ≥ 0}, else −1. */
final class SignFunction extends ThresholdFunction {

    static final SignFunction INSTANCE = new SignFunction();

    private SignFunction() {
        super("sign", -1.0, 1.0);
    }
}
