package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;

/**
 * Leaky ReLU as a layer: {@code A = Z} where {@code Z ≥ 0}, {@code slope·Z} elsewhere.
 * Shape preserved: {@code [batch, n] → [batch, n]}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new LeakyReLU(0.01), new Dense(3, 1));
 * }</pre>
 */
public final class LeakyReLU extends ActivationLayer {

    private final double slope;

    /**
     * Creates a leaky ReLU layer.
     *
     * @param slope the slope for negative inputs, in [0, 1), e.g. 0.01
     */
    public LeakyReLU(double slope) {
        super(Activation.leakyRelu(slope), LayerType.LEAKY_RELU.typeName(), LayerType.LEAKY_RELU.settingWith(slope));
        this.slope = slope;
    }

    /** The slope for negative inputs. */
    public double slope() {
        return slope;
    }
}
