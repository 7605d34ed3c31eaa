package io.github.nn4j.trace;

import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.LayerObserver;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keeps a copy of every array each layer receives and returns during one training step. */
final class StepRecorder implements LayerObserver {

    final INDArray[] inputs;
    final INDArray[] outputs;
    final INDArray[] outputGradients;
    final INDArray[] inputGradients;

    StepRecorder(int layers) {
        inputs = new INDArray[layers];
        outputs = new INDArray[layers];
        outputGradients = new INDArray[layers];
        inputGradients = new INDArray[layers];
    }

    @Override
    public void beforeForward(int index, Layer layer, INDArray input) {
        inputs[index] = input.dup();
    }

    @Override
    public void afterForward(int index, Layer layer, INDArray output) {
        outputs[index] = output.dup();
    }

    @Override
    public void beforeBackward(int index, Layer layer, INDArray outputGradient) {
        outputGradients[index] = outputGradient.dup();
    }

    @Override
    public void afterBackward(int index, Layer layer, INDArray inputGradient) {
        inputGradients[index] = inputGradient.dup();
    }
}
