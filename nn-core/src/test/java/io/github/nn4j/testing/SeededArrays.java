package io.github.nn4j.testing;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random test inputs from a seeded {@link Random}: the same seed always gives the same array, on
 * every machine and in every test order (ND4J's own {@code Nd4j.rand} draws from a global,
 * shared generator).
 */
public final class SeededArrays {

    private SeededArrays() {
    }

    /**
     * Values uniform in [0, 1).
     *
     * @param seed  the seed
     * @param type  the data type of the result
     * @param shape the shape
     * @return a new C-ordered array
     */
    public static INDArray uniform(long seed, DataType type, long... shape) {
        return filled(seed, Random::nextDouble, type, shape);
    }

    /**
     * Values from the standard normal distribution.
     *
     * @param seed  the seed
     * @param type  the data type of the result
     * @param shape the shape
     * @return a new C-ordered array
     */
    public static INDArray gaussian(long seed, DataType type, long... shape) {
        return filled(seed, Random::nextGaussian, type, shape);
    }

    private static INDArray filled(long seed, ToDoubleFunction<Random> draw, DataType type, long[] shape) {
        long length = 1;
        for (long size : shape) {
            length = Math.multiplyExact(length, size);
        }
        Random random = new Random(seed);
        double[] values = new double[Math.toIntExact(length)];
        for (int i = 0; i < values.length; i++) {
            values[i] = draw.applyAsDouble(random);
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }
}
