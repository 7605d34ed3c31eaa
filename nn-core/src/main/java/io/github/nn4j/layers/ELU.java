package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;

/**
 * The exponential linear unit as a layer: {@code A = Z} where {@code Z ≥ 0}, {@code α(e^Z − 1)} elsewhere.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new ELU(1.0), new Dense(3, 1));
 * }</pre>
 */
public final class ELU extends ActivationLayer {

    private final double alpha;

    /**
     * Creates an ELU layer.
     *
     * @param alpha the negative saturation level is {@code −alpha}; 1.0 is usual
     */
    public ELU(double alpha) {
        super(Activation.elu(alpha), LayerType.ELU.typeName(), LayerType.ELU.settingWith(alpha));
        this.alpha = alpha;
    }

    /** The negative saturation level is −alpha. */
    public double alpha() {
        return alpha;
    }
}
