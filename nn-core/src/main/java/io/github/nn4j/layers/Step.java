package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.Map;

/**
 * The M-P neuron's threshold as a layer: {@code A = 1} where {@code Z ≥ 0}, else 0. Its gradient
 * is zero: train it with the perceptron rule, not backpropagation.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Step(), new Dense(3, 1));
 * }</pre>
 */
public final class Step extends ActivationLayer {

    /** Creates a step layer. */
    public Step() {
        super(Activation.step(), LayerType.STEP.typeName(), Map.of());
    }
}
