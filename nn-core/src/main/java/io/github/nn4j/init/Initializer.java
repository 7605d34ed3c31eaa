package io.github.nn4j.init;

import java.util.Random;

/**
 * A rule for the starting values of a weight matrix, drawn from a seeded random number
 * generator so that the same seed always gives bitwise the same weights.
 *
 * <p>Biases are not touched by initializers: they start at zero. Never start all weights at
 * zero in a network with hidden layers: every hidden unit would compute the same thing and
 * receive the same gradient, and the network would degenerate to one unit per layer.
 *
 * <pre>{@code
 * model.init(Initializer.he(), 42);            // ReLU networks
 * model.init(Initializer.xavierUniform(), 42); // sigmoid / tanh networks
 * model.init(Initializer.gaussian(0.01), 42);  // N(0, 0.01²), as in the reference notes
 * }</pre>
 */
public interface Initializer {

    /**
     * Draws {@code rows·columns} starting values, in row-major order.
     *
     * @param fanIn  number of inputs feeding each unit
     * @param fanOut number of units each input feeds
     * @param count  how many values to draw
     * @param random the seeded generator to draw from
     * @return the values
     */
    double[] sample(int fanIn, int fanOut, int count, Random random);

    /** All zeros. Only sensible for tests and for layers without hidden units. */
    static Initializer zeros() {
        return constant(0.0);
    }

    /**
     * Every weight equal to {@code value}.
     *
     * @param value the value
     * @return the initializer
     */
    static Initializer constant(double value) {
        return (fanIn, fanOut, count, random) -> {
            double[] values = new double[count];
            java.util.Arrays.fill(values, value);
            return values;
        };
    }

    /** Gaussian N(0, 0.01²), the notes' default: small enough to stay out of sigmoid's saturation. */
    static Initializer gaussian() {
        return gaussian(0.01);
    }

    /**
     * Gaussian N(0, σ²).
     *
     * @param sigma the standard deviation, positive
     * @return the initializer
     */
    static Initializer gaussian(double sigma) {
        requirePositive("sigma", sigma);
        return (fanIn, fanOut, count, random) -> normal(count, sigma, random);
    }

    /**
     * Uniform on {@code [−limit, limit]}.
     *
     * @param limit the half-width, positive
     * @return the initializer
     */
    static Initializer uniform(double limit) {
        requirePositive("limit", limit);
        return (fanIn, fanOut, count, random) -> uniform(count, limit, random);
    }

    /** Xavier/Glorot normal: N(0, 2/(fanIn + fanOut)), for sigmoid and tanh layers. */
    static Initializer xavierNormal() {
        return (fanIn, fanOut, count, random) -> normal(count, Math.sqrt(2.0 / (fanIn + fanOut)), random);
    }

    /** Xavier/Glorot uniform: U(±√(6/(fanIn + fanOut))), Keras's default. */
    static Initializer xavierUniform() {
        return (fanIn, fanOut, count, random) -> uniform(count, Math.sqrt(6.0 / (fanIn + fanOut)), random);
    }

    /** He/Kaiming normal: N(0, 2/fanIn), for ReLU layers. */
    static Initializer heNormal() {
        return (fanIn, fanOut, count, random) -> normal(count, Math.sqrt(2.0 / fanIn), random);
    }

    /** He/Kaiming uniform: U(±√(6/fanIn)), for ReLU layers. */
    static Initializer heUniform() {
        return (fanIn, fanOut, count, random) -> uniform(count, Math.sqrt(6.0 / fanIn), random);
    }

    /** Same as {@link #heNormal()}. */
    static Initializer he() {
        return heNormal();
    }

    private static double[] normal(int count, double sigma, Random random) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = sigma * random.nextGaussian();
        }
        return values;
    }

    private static double[] uniform(int count, double limit, Random random) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = limit * (2.0 * random.nextDouble() - 1.0);
        }
        return values;
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("initializer " + name + " must be positive and finite, got " + value);
        }
    }
}
