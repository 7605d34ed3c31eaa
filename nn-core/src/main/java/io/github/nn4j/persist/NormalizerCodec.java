package io.github.nn4j.persist;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.data.MinMaxScaler;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.io.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves a fitted normalizer as a model-file {@link Section} and rebuilds it with bitwise the same
 * statistics. {@link ModelFile#write(java.nio.file.Path, io.github.nn4j.model.Sequential, Normalizer)}
 * stores it under {@link ModelFile#NORMALIZER} and {@link SavedModel#normalizer()} reads it back.
 * The section has no settings; its arrays are the statistics as float64 vectors {@code [features]}:
 *
 * <pre>
 * min_max       MinMaxScaler   min, max
 * standardize   Standardizer   mean, std
 * </pre>
 */
public final class NormalizerCodec {

    private static final String MIN_MAX = "min_max";
    private static final String STANDARDIZE = "standardize";

    private NormalizerCodec() {
    }

    /**
     * A snapshot of {@code normalizer}'s statistics.
     *
     * @param normalizer a fitted normalizer
     * @return the section that {@link #read} turns back into an equal normalizer
     */
    public static Section write(Normalizer normalizer) {
        if (normalizer instanceof MinMaxScaler scaler) {
            return section(MIN_MAX, "min", scaler.min(), "max", scaler.max());
        }
        if (normalizer instanceof Standardizer standardizer) {
            return section(STANDARDIZE, "mean", standardizer.mean(), "std", standardizer.std());
        }
        throw new IllegalArgumentException("cannot save " + normalizer + ": nn4j saves MinMaxScaler and Standardizer");
    }

    /**
     * Rebuilds a normalizer saved with {@link #write}: {@code "min_max"} gives a
     * {@link MinMaxScaler}, {@code "standardize"} a {@link Standardizer}, with bitwise the same
     * statistics.
     *
     * @param section a section written by {@link #write}
     * @return the normalizer
     * @throws IllegalArgumentException naming the problem for an unknown type or missing statistics
     */
    public static Normalizer read(Section section) {
        return switch (section.type()) {
            case MIN_MAX -> new MinMaxScaler(statistic(section, "min"), statistic(section, "max"));
            case STANDARDIZE -> new Standardizer(statistic(section, "mean"), statistic(section, "std"));
            default -> throw new IllegalArgumentException("unknown normalizer type '" + section.type()
                    + "'; nn4j knows '" + MIN_MAX + "' and '" + STANDARDIZE + "'");
        };
    }

    /** A section with two statistics, in this order, each a float64 vector {@code [d]}. */
    private static Section section(String type, String firstName, double[] first, String secondName, double[] second) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(firstName, Nd4j.create(first, new long[] {first.length}, DataType.DOUBLE));
        arrays.put(secondName, Nd4j.create(second, new long[] {second.length}, DataType.DOUBLE));
        return new Section(type, Map.of(), arrays);
    }

    /** A statistic read back from a section, as doubles. */
    private static double[] statistic(Section section, String name) {
        INDArray array = section.array(name);
        if (array.rank() != 1) {
            throw new IllegalArgumentException(section.type() + " statistic '" + name + "' must be a vector, got "
                    + Shapes.of(array));
        }
        return JavaArrays.toDoubles(array);
    }
}
