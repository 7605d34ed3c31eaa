package io.github.nn4j.model;

import io.github.nn4j.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Watches a {@link Sequential} model's passes layer by layer: what each layer receives and what
 * it returns, forward and backward. Give one to {@link Sequential#forward(INDArray,
 * io.github.nn4j.base.Mode, LayerObserver)} and {@link Sequential#backward(INDArray, boolean,
 * LayerObserver)}; the model calls it around every layer, in the order the layers run. Tracing
 * and profiling a training step use it; the passes without an observer do no extra work.
 *
 * <p>Every method does nothing by default. The arrays are the layers' own working buffers, valid
 * until their next call: copy what you keep, and do not modify them.
 *
 * <pre>{@code
 * model.forward(x, Mode.TRAIN, new LayerObserver() {
 *     public void afterForward(int index, Layer layer, INDArray output) {
 *         System.out.println(model.layerName(index) + " → " + output.meanNumber());
 *     }
 * });
 * }</pre>
 */
public interface LayerObserver {

    /**
     * Called just before layer {@code index} computes its output.
     *
     * @param index the layer's position in the model, from 0
     * @param layer the layer
     * @param input its input {@code [batch, in]}, in the model's data type
     */
    default void beforeForward(int index, Layer layer, INDArray input) {
    }

    /**
     * Called just after layer {@code index} computed its output.
     *
     * @param index  the layer's position
     * @param layer  the layer
     * @param output its output {@code [batch, out]}
     */
    default void afterForward(int index, Layer layer, INDArray output) {
    }

    /**
     * Called just before layer {@code index} backpropagates; layers run last to first.
     *
     * @param index          the layer's position
     * @param layer          the layer
     * @param outputGradient dL/d(output) it receives
     */
    default void beforeBackward(int index, Layer layer, INDArray outputGradient) {
    }

    /**
     * Called just after layer {@code index} backpropagated and wrote its parameters' gradients.
     *
     * @param index         the layer's position
     * @param layer         the layer
     * @param inputGradient dL/d(input) it passes on, or {@code null} when it was not computed
     *                      (the first layer, unless the input gradient was asked for)
     */
    default void afterBackward(int index, Layer layer, INDArray inputGradient) {
    }
}
