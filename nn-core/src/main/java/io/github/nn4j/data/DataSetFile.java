package io.github.nn4j.data;

import io.github.nn4j.io.NpyFormatException;
import io.github.nn4j.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data set as a NumPy {@code .npz} archive with two entries, {@code features.npy} and
 * {@code labels.npy}, so that Python and nn4j exchange examples with no conversion code.
 *
 * <pre>{@code
 * DataSetFile.write(Path.of("train.npz"), trainData);
 * DataSet again = DataSetFile.read(Path.of("train.npz"));
 * // Python: d = numpy.load("train.npz"); d["features"].shape
 * }</pre>
 */
public final class DataSetFile {

    /** The entry name of the features. */
    public static final String FEATURES = "features";
    /** The entry name of the labels. */
    public static final String LABELS = "labels";

    private DataSetFile() {
    }

    /**
     * Writes a data set as {@code features.npy} and {@code labels.npy}, atomically.
     *
     * @param file the target, conventionally ending in {@code .npz}
     * @param data the examples
     * @throws IOException when the file cannot be written (an old file is then unchanged)
     */
    public static void write(Path file, DataSet data) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(FEATURES, data.features());
        arrays.put(LABELS, data.labels());
        Npz.write(file, arrays);
    }

    /**
     * Reads a data set written by {@link #write} or by {@code numpy.savez(file, features=X, labels=y)}.
     *
     * @param file the archive
     * @return the examples; features are converted to float32 unless already floating point
     * @throws NpyFormatException       when an entry is missing or unreadable
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the arrays do not form a data set (see {@link DataSet})
     */
    public static DataSet read(Path file) throws IOException {
        Map<String, INDArray> arrays = Npz.read(file);
        for (String name : List.of(FEATURES, LABELS)) {
            if (!arrays.containsKey(name)) {
                throw new NpyFormatException(file.toString(), "no " + name + ".npy entry; a data set archive holds "
                        + FEATURES + ".npy and " + LABELS + ".npy, this one holds " + arrays.keySet());
            }
        }
        INDArray features = arrays.get(FEATURES);
        if (!features.dataType().isFPType()) {
            features = features.castTo(DataType.FLOAT);
        }
        return new DataSet(features, arrays.get(LABELS));
    }
}
