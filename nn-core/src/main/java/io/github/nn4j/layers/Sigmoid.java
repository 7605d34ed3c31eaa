package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.Map;

/**
 * The logistic sigmoid as a layer: {@code A = 1 / (1 + e^(−Z))}; saturates for large |Z|.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1));
 * }</pre>
 */
public final class Sigmoid extends ActivationLayer {

    /** Creates a sigmoid layer. */
    public Sigmoid() {
        super(Activation.sigmoid(), LayerType.SIGMOID.typeName(), Map.of());
    }
}
