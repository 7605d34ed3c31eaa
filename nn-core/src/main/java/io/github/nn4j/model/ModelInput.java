package io.github.nn4j.model;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.internal.kernels.FiniteKernels;
import io.github.nn4j.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The checks a batch passes before it enters a {@link Sequential} model. */
final class ModelInput {

    private ModelInput() {
    }

    /**
     * Checks a batch's shape (and in EVAL mode its values) and converts it to the model's data type.
     *
     * @param input     the batch
     * @param mode      the pass's mode: training data was checked once when its {@code DataSet} was
     *                  built, so only inference input is searched for NaN and infinity
     * @param inputSize the model's input width, or {@link Layer#ANY_SIZE}
     * @param first     the model's first layer, for the message
     * @param dataType  the model's data type
     * @return the input, or a copy of it in {@code dataType}
     * @throws IllegalArgumentException naming the shapes, or the count of bad values
     */
    static INDArray checked(INDArray input, Mode mode, int inputSize, Layer first, DataType dataType) {
        if (input == null || input.rank() != 2) {
            throw new IllegalArgumentException("model expects input of shape [batch, "
                    + (inputSize == Layer.ANY_SIZE ? "features" : inputSize) + "], got " + Shapes.of(input));
        }
        if (input.rows() == 0) {
            throw new IllegalArgumentException("model input is an empty batch " + Shapes.of(input));
        }
        if (inputSize != Layer.ANY_SIZE && input.columns() != inputSize) {
            throw new IllegalArgumentException("layer 0 " + first + " of this model expects input of shape [batch, "
                    + inputSize + "], got " + Shapes.of(input));
        }
        if (!input.dataType().isFPType()) {
            input = input.castTo(dataType);
        }
        long bad = mode == Mode.TRAIN ? 0
                : FiniteKernels.countNotFinite(input);
        if (bad > 0) {
            throw new IllegalArgumentException("model input " + Shapes.of(input) + " contains " + bad
                    + " NaN or infinite value(s)");
        }
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }
}
