package io.github.nn4j.base;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random test inputs from a seeded {@link SplittableRandom}, so that every test sees the same
 * numbers on every run, whatever ran before it.
 */
public final class SeededArrays {

    private SeededArrays() {
    }

    /**
     * Standard normal numbers.
     *
     * @param seed  the seed
     * @param type  FLOAT or DOUBLE
     * @param shape the shape, row-major
     * @return a new array
     */
    public static INDArray gaussian(long seed, DataType type, long... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(length(shape))];
        for (int i = 0; i < values.length; i += 2) {
            // Box–Muller: two normal numbers from two uniform ones.
            double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            values[i] = radius * Math.cos(angle);
            if (i + 1 < values.length) {
                values[i + 1] = radius * Math.sin(angle);
            }
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    /**
     * Numbers uniform in [0, 1).
     *
     * @param seed  the seed
     * @param type  FLOAT or DOUBLE
     * @param shape the shape, row-major
     * @return a new array
     */
    public static INDArray uniform(long seed, DataType type, long... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(length(shape))];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble();
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
    }

    private static long length(long[] shape) {
        long length = 1;
        for (long size : shape) {
            length *= size;
        }
        return length;
    }
}
