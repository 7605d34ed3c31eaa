package io.github.nn4j.layers;

/**
 * A layer whose output has the shape of its input, such as an activation, softmax or dropout:
 * it accepts any number of features and passes that number on.
 */
public interface ShapePreserving extends Layer {

    @Override
    default int inputSize() {
        return ANY_SIZE;
    }

    @Override
    default int outputSize(int inputSize) {
        return inputSize;
    }
}
