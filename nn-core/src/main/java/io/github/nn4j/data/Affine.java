package io.github.nn4j.data;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.io.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared arithmetic of the normalizers: {@code x' = (x − shift)·scale}, column by column,
 * in two native operations.
 */
final class Affine {

    private Affine() {
    }

    static INDArray apply(String who, INDArray features, double[] shift, double[] scale) {
        if (features == null || features.rank() != 2 || features.columns() != shift.length) {
            throw new IllegalArgumentException(who + " was fitted on " + shift.length + " features and expects [n, "
                    + shift.length + "], got " + Shapes.of(features));
        }
        INDArray shiftRow = Nd4j.create(shift, new long[] {1, shift.length}).castTo(features.dataType());
        INDArray scaleRow = Nd4j.create(scale, new long[] {1, scale.length}).castTo(features.dataType());
        return features.subRowVector(shiftRow).muliRowVector(scaleRow);
    }

    static INDArray checkedFeatures(String who, INDArray features) {
        if (features == null || features.rank() != 2 || features.rows() == 0) {
            throw new IllegalArgumentException(who + " is fitted on a non-empty [n, features] matrix, got "
                    + Shapes.of(features));
        }
        return features;
    }

    /** A section with two statistics, in this order, each a float64 vector {@code [d]}. */
    static Section section(String type, String firstName, double[] first, String secondName, double[] second) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(firstName, Nd4j.create(first, new long[] {first.length}, DataType.DOUBLE));
        arrays.put(secondName, Nd4j.create(second, new long[] {second.length}, DataType.DOUBLE));
        return new Section(type, Map.of(), arrays);
    }

    /** A statistic read back from a section, as doubles. */
    static double[] saved(Section section, String name) {
        INDArray array = section.array(name);
        if (array.rank() != 1) {
            throw new IllegalArgumentException(section.type() + " statistic '" + name + "' must be a vector, got "
                    + Shapes.of(array));
        }
        return JavaArrays.toDoubles(array);
    }

    static String summary(double[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Math.min(values.length, 4); i++) {
            text.append(i == 0 ? "" : ", ").append((float) values[i]);
        }
        return text.append(values.length > 4 ? ", … (" + values.length + " features)]" : "]").toString();
    }
}
