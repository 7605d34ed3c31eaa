package io.github.nn4j.data;

import io.github.nn4j.base.JavaArrays;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Standardization: {@code x' = (x − mean) / std} per feature, with the mean and the population
 * standard deviation (divided by n) of the training data, so training features have mean 0 and
 * standard deviation 1. A constant feature ({@code std = 0}) is only shifted.
 *
 * <pre>{@code
 * Standardizer standardizer = Standardizer.fit(train);
 * DataSet scaled = standardizer.transform(test);
 * }</pre>
 *
 * @param mean per-feature mean of the training data
 * @param std  per-feature standard deviation of the training data
 */
public record Standardizer(double[] mean, double[] std) implements Normalizer {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a standardizer from known statistics (e.g. loaded from a model file).
     *
     * @param mean per-feature mean
     * @param std  per-feature standard deviation, same length, each ≥ 0
     */
    public Standardizer {
        if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need the same non-zero length, got "
                    + (mean == null ? "null" : mean.length) + " and " + (std == null ? "null" : std.length));
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !(std[i] >= 0) || !Double.isFinite(std[i])) {
                throw new IllegalArgumentException("feature " + i + ": mean " + mean[i] + ", std " + std[i]
                        + " are not finite with std ≥ 0");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Fits on a data set's features.
     *
     * @param train the training data
     * @return the fitted standardizer
     */
    public static Standardizer fit(DataSet train) {
        return fit(train.features());
    }

    /**
     * Fits on a feature matrix.
     *
     * @param features {@code [n, d]}
     * @return the fitted standardizer
     */
    public static Standardizer fit(INDArray features) {
        Affine.checkedFeatures("Standardizer", features);
        return new Standardizer(JavaArrays.toDoubles(features.mean(0)), JavaArrays.toDoubles(features.std(false, 0)));
    }

    @Override
    public INDArray transform(INDArray features) {
        double[] scale = new double[std.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = std[i] > 0 ? 1.0 / std[i] : 1.0;
        }
        return Affine.apply("Standardizer", features, mean, scale);
    }

    @Override
    public int featureCount() {
        return mean.length;
    }

    /** A copy of the per-feature means. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the per-feature standard deviations. */
    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Standardizer that && Arrays.equals(mean, that.mean) && Arrays.equals(std, that.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardizer(mean " + Affine.summary(mean) + ", std " + Affine.summary(std) + ")";
    }
}
