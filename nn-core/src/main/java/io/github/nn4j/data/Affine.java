package io.github.nn4j.data;

import io.github.nn4j.base.Shapes;
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

    static String summary(double[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Math.min(values.length, 4); i++) {
            text.append(i == 0 ? "" : ", ").append((float) values[i]);
        }
        return text.append(values.length > 4 ? ", … (" + values.length + " features)]" : "]").toString();
    }
}
