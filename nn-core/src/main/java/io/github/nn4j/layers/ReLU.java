package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.Map;

/**
 * The rectified linear unit as a layer: {@code A = max(0, Z)}.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new ReLU(), new Dense(3, 1));
 * }</pre>
 */
public final class ReLU extends ActivationLayer {

    /** Creates a ReLU layer. */
    public ReLU() {
        super(Activation.relu(), LayerType.RELU.typeName(), Map.of());
    }
}
