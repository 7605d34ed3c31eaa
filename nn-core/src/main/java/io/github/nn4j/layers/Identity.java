package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.Map;

/**
 * The identity as a layer: {@code A = Z}, a linear output.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Identity(), new Dense(3, 1));
 * }</pre>
 */
public final class Identity extends ActivationLayer {

    /** Creates an identity layer. */
    public Identity() {
        super(Activation.identity(), LayerType.IDENTITY.typeName(), Map.of());
    }
}
