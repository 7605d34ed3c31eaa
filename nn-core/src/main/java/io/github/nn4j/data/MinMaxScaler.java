package io.github.nn4j.data;

import io.github.nn4j.base.JavaArrays;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Min-max scaling to [0, 1]: {@code x' = (x − min) / (max − min)} per feature, with min and max
 * taken from the training data. A constant feature ({@code max = min}) maps to 0. Values outside
 * the training range map outside [0, 1]; they are not clipped.
 *
 * <pre>{@code
 * MinMaxScaler scaler = MinMaxScaler.fit(train);
 * DataSet scaled = scaler.transform(test);
 * }</pre>
 *
 * @param min per-feature minimum of the training data
 * @param max per-feature maximum of the training data
 */
public record MinMaxScaler(double[] min, double[] max) implements Normalizer {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a scaler from known statistics (e.g. loaded from a model file).
     *
     * @param min per-feature minimum
     * @param max per-feature maximum, same length, each ≥ its minimum
     */
    public MinMaxScaler {
        if (min == null || max == null || min.length != max.length || min.length == 0) {
            throw new IllegalArgumentException("min and max need the same non-zero length, got "
                    + (min == null ? "null" : min.length) + " and " + (max == null ? "null" : max.length));
        }
        for (int i = 0; i < min.length; i++) {
            if (!(min[i] <= max[i]) || !Double.isFinite(min[i]) || !Double.isFinite(max[i])) {
                throw new IllegalArgumentException("feature " + i + ": min " + min[i] + " and max " + max[i]
                        + " are not a finite range");
            }
        }
        min = min.clone();
        max = max.clone();
    }

    /**
     * Fits on a data set's features.
     *
     * @param train the training data
     * @return the fitted scaler
     */
    public static MinMaxScaler fit(DataSet train) {
        return fit(train.features());
    }

    /**
     * Fits on a feature matrix.
     *
     * @param features {@code [n, d]}
     * @return the fitted scaler
     */
    public static MinMaxScaler fit(INDArray features) {
        Affine.checkedFeatures("MinMaxScaler", features);
        return new MinMaxScaler(JavaArrays.toDoubles(features.min(0)), JavaArrays.toDoubles(features.max(0)));
    }

    @Override
    public INDArray transform(INDArray features) {
        double[] scale = new double[min.length];
        for (int i = 0; i < scale.length; i++) {
            double range = max[i] - min[i];
            scale[i] = range > 0 ? 1.0 / range : 1.0;
        }
        return Affine.apply("MinMaxScaler", features, min, scale);
    }

    @Override
    public int featureCount() {
        return min.length;
    }

    /** A copy of the per-feature minima. */
    @Override
    public double[] min() {
        return min.clone();
    }

    /** A copy of the per-feature maxima. */
    @Override
    public double[] max() {
        return max.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MinMaxScaler that && Arrays.equals(min, that.min) && Arrays.equals(max, that.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "MinMaxScaler(min " + Affine.summary(min) + ", max " + Affine.summary(max) + ")";
    }
}
