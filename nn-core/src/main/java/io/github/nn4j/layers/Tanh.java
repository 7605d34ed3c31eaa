package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.Map;

/**
 * The hyperbolic tangent as a layer: {@code A = tanh(Z)}, zero-centred, saturates for large |Z|.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Tanh(), new Dense(3, 1));
 * }</pre>
 */
public final class Tanh extends ActivationLayer {

    /** Creates a tanh layer. */
    public Tanh() {
        super(Activation.tanh(), LayerType.TANH.typeName(), Map.of());
    }
}
