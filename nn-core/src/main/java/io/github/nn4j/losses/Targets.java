package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.data.OneHot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks targets against predictions and brings them to the predictions' shape and type; checks
 * the example count of a gradient.
 */
final class Targets {

    private INDArray oneHot;

    /**
     * Returns targets as a {@code [batch, outputs]} array of the predictions' data type.
     *
     * @param loss           the loss's name, for messages
     * @param predictions    {@code [batch, outputs]}
     * @param targets        same shape, or class indices {@code [batch]} / {@code [batch, 1]}
     * @param classIndices   whether class indices are accepted (and turned into one-hot rows)
     */
    INDArray match(String loss, INDArray predictions, INDArray targets, boolean classIndices) {
        if (predictions == null || predictions.rank() != 2 || predictions.rows() == 0) {
            throw new IllegalArgumentException(loss + " expects predictions of shape [batch, outputs], got "
                    + Shapes.of(predictions));
        }
        if (targets == null) {
            throw new IllegalArgumentException(loss + ": targets are null");
        }
        long batch = predictions.rows();
        long outputs = predictions.columns();
        if (targets.equalShapes(predictions)) {
            return targets.dataType() == predictions.dataType() ? targets : targets.castTo(predictions.dataType());
        }
        boolean column = targets.length() == batch && (targets.rank() == 1
                || (targets.rank() == 2 && targets.columns() == 1));
        if (column && outputs == 1) {
            return targets.reshape(batch, 1).castTo(predictions.dataType());
        }
        if (column && classIndices) {
            return toOneHot(loss, targets, batch, outputs, predictions);
        }
        throw new IllegalArgumentException(loss + " expects targets of shape [" + batch + ", " + outputs + "]"
                + (classIndices ? " or class indices of shape [" + batch + "]" : "")
                + " for predictions " + Shapes.of(predictions) + ", got " + Shapes.of(targets));
    }

    /**
     * Checks the number of examples a gradient is divided by.
     *
     * @param loss        the loss's name, for messages
     * @param predictions the predictions, already checked by {@link #match}
     * @param examples    what the summed loss is divided by
     * @return {@code examples}
     * @throws IllegalArgumentException when it is below the predictions' rows
     */
    static long examples(String loss, INDArray predictions, long examples) {
        if (examples < predictions.rows()) {
            throw new IllegalArgumentException(loss + ": the gradient of " + predictions.rows() + " rows cannot be "
                    + "divided by " + examples + " examples; give at least the number of rows");
        }
        return examples;
    }

    private INDArray toOneHot(String loss, INDArray indices, long batch, long classes, INDArray predictions) {
        int[] classIndices;
        try {
            classIndices = OneHot.readIndices(indices, Math.toIntExact(classes));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": " + e.getMessage(), e);
        }
        oneHot = Buffers.reuse(oneHot, batch, classes, predictions.dataType());
        oneHot.assign(0.0);
        for (int i = 0; i < classIndices.length; i++) {
            oneHot.putScalar(i, classIndices[i], 1.0);
        }
        return oneHot;
    }
}
