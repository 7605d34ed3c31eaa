package io.github.nn4j.data;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A per-feature rescaling fitted on training data and then applied, unchanged, to validation,
 * test and serving data. Its fitted statistics are plain {@code double[]} arrays, so a
 * normalizer can be saved next to the model that was trained on its output.
 *
 * <pre>{@code
 * Normalizer scaler = Standardizer.fit(train);
 * DataSet trainScaled = scaler.transform(train);
 * DataSet testScaled = scaler.transform(test);     // the training statistics, not the test's
 * }</pre>
 *
 * <p>Saved with the model, under {@code ModelFile.NORMALIZER}, by
 * {@code io.github.nn4j.persist.NormalizerCodec}, as float64 arrays:
 * <pre>{@code
 * ModelFile.write(path, model, scaler);
 * Normalizer again = ModelFile.readAll(path).normalizer().orElseThrow();
 * }</pre>
 */
public sealed interface Normalizer extends Serializable permits MinMaxScaler, Standardizer {

    /**
     * Rescales features with the fitted statistics.
     *
     * @param features {@code [n, featureCount()]}
     * @return a new array of the same shape and data type
     * @throws IllegalArgumentException naming both widths when the features do not fit
     */
    INDArray transform(INDArray features);

    /**
     * Rescales a data set's features; the labels are kept.
     *
     * @param data the examples
     * @return a new data set
     */
    default DataSet transform(DataSet data) {
        return data.withFeatures(transform(data.features()));
    }

    /** The number of features the normalizer was fitted on. */
    int featureCount();
}
