package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.Map;

/**
 * The perceptron's sign as a layer: {@code A = +1} where {@code Z ≥ 0}, else −1. Its gradient is zero.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Sign(), new Dense(3, 1));
 * }</pre>
 */
public final class Sign extends ActivationLayer {

    /** Creates a sign layer. */
    public Sign() {
        super(Activation.sign(), LayerType.SIGN.typeName(), Map.of());
    }
}
