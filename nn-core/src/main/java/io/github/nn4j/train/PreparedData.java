package io.github.nn4j.train;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.OneHot;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.losses.OutputKind;
import io.github.nn4j.model.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data set made ready for training once, when {@code fit} starts: features and labels in the
 * model's data type, class-index labels as one-hot rows for a classifier, and the class of every
 * example for counting accuracy.
 *
 * @param data    the examples, labels in the loss's form
 * @param classes the class of every example, or {@code null} when the outputs name no class
 */
record PreparedData(DataSet data, int[] classes) {

    /**
     * Prepares {@code data} for {@code model}.
     *
     * @param data  the examples as given
     * @param model the model to train
     * @param kind  what the model's outputs mean, fitted to its output size
     * @param role  "training" or "validation", for messages
     * @return the prepared data
     * @throws IllegalArgumentException when the data does not fit the model
     */
    static PreparedData of(DataSet data, Sequential model, OutputKind kind, String role) {
        if (data == null) {
            throw new IllegalArgumentException(role + " data set is null");
        }
        int inputs = model.inputSize();
        if (inputs != Layer.ANY_SIZE && data.featureCount() != inputs) {
            throw new IllegalArgumentException("model " + model + " expects " + inputs + " features, the " + role
                    + " data set has " + data.featureCount() + " (" + data + ")");
        }
        INDArray features = inType(data.features(), model);
        INDArray labels = inType(data.labels(), model);
        DataSet ready = features == data.features() && labels == data.labels() ? data : new DataSet(features, labels);
        return switch (kind) {
            case CLASS_SCORES -> {
                int classes = model.outputSize();
                int[] indices;
                try {
                    indices = OneHot.classesOf(ready.labels(), classes);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the " + role + " labels do not fit the model's " + classes
                            + " outputs: " + e.getMessage(), e);
                }
                yield ready.hasClassIndices()
                        ? new PreparedData(new DataSet(ready.features(), OneHot.encode(indices, classes)
                                .castTo(model.dataType())), indices)
                        : new PreparedData(ready, indices);
            }
            case BINARY_LOGIT, BINARY_PROBABILITY -> new PreparedData(ready, OneHot.binaryClasses(ready.labels()));
            case OTHER -> new PreparedData(ready, null);
        };
    }

    /** The class of every example in the order {@code order} lists them, or {@code null}. */
    int[] classesInOrder(int[] order) {
        if (classes == null) {
            return null;
        }
        int[] ordered = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            ordered[i] = classes[order[i]];
        }
        return ordered;
    }

    private static INDArray inType(INDArray array, Sequential model) {
        return array.dataType() == model.dataType() ? array : array.castTo(model.dataType());
    }
}
