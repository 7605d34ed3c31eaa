package io.github.nn4j.onnx;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded test inputs built from java.util.SplittableRandom. */
final class TestArrays {

    private TestArrays() {
    }

    /** A [rows, columns] array of standard normal numbers times {@code scale}, from {@code seed}. */
    static INDArray gaussian(long seed, int rows, int columns, double scale, DataType type) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows * columns];
        for (int i = 0; i < values.length; i++) {
            // Box-Muller from two uniforms, so the numbers depend on the seed alone.
            double u = 1.0 - random.nextDouble();
            double v = random.nextDouble();
            values[i] = scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return Nd4j.create(values, new long[] {rows, columns}, 'c').castTo(type);
    }

    /** The largest absolute difference between two arrays of the same shape, in double. */
    static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
