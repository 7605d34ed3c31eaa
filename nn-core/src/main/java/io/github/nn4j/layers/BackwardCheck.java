package io.github.nn4j.layers;

import io.github.nn4j.base.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The checks every layer's backward pass makes of the forward pass it follows. */
final class BackwardCheck {

    private BackwardCheck() {
    }

    /**
     * Checks that a training forward pass came first and that dL/d(output) has the shape of its
     * output.
     *
     * @param layer          the layer, which starts the message
     * @param output         the output of the layer's last {@code TRAIN} forward pass, {@code null} before the first
     * @param outputGradient dL/d(output)
     * @throws IllegalStateException    before the first training forward pass
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    static void check(Layer layer, INDArray output, INDArray outputGradient) {
        requireForwardPass(layer, output, "backward");
        if (!outputGradient.equalShapes(output)) {
            throw new IllegalArgumentException(layer + " expects an output gradient of shape " + Shapes.of(output)
                    + ", got " + Shapes.of(outputGradient));
        }
    }

    /**
     * Checks that a training forward pass came first.
     *
     * @param layer  the layer, which starts the message
     * @param output the output of the layer's last {@code TRAIN} forward pass, {@code null} before the first
     * @param what   what needs it, e.g. {@code "backward"}
     * @throws IllegalStateException before the first training forward pass
     */
    static void requireForwardPass(Layer layer, INDArray output, String what) {
        if (output == null) {
            throw new IllegalStateException(layer + ": " + what + " needs a forward pass in TRAIN mode first");
        }
    }
}
