package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.Map;

/**
 * Softplus as a layer: {@code A = ln(1 + e^Z)}, a smooth ReLU.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Softplus(), new Dense(3, 1));
 * }</pre>
 */
public final class Softplus extends ActivationLayer {

    /** Creates a softplus layer. */
    public Softplus() {
        super(Activation.softplus(), LayerType.SOFTPLUS.typeName(), Map.of());
    }
}
