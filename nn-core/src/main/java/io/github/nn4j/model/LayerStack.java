package io.github.nn4j.model;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.layers.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's layers in order, checked to fit one another, with their names and the model's input
 * and output widths; runs a batch through them forward, and its gradient backward.
 *
 * @param layers     the layers, first to last
 * @param names      each layer's name: its type name and its count among layers of that type, e.g. {@code dense0}
 * @param inputSize  the first fixed input width, or {@link Layer#ANY_SIZE}
 * @param outputSize the last layer's output width, or {@link Layer#ANY_SIZE}
 */
record LayerStack(List<Layer> layers, List<String> names, int inputSize, int outputSize) {

    /**
     * Checks that consecutive widths fit and names the layers.
     *
     * @param layers the layers, first to last
     * @return the stack
     * @throws IllegalArgumentException when there are none, or naming the layers and widths that do not fit
     */
    static LayerStack of(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a Sequential model needs at least one layer");
        }
        List<Layer> copy = List.copyOf(layers);
        int width = Layer.ANY_SIZE;
        int firstFixed = Layer.ANY_SIZE;
        String producer = null;
        for (int i = 0; i < copy.size(); i++) {
            Layer layer = copy.get(i);
            int required = layer.inputSize();
            if (required != Layer.ANY_SIZE) {
                if (width != Layer.ANY_SIZE && width != required) {
                    throw new IllegalArgumentException("layer " + i + " " + layer + " expects " + required
                            + " input features, but " + producer + " outputs " + width);
                }
                if (firstFixed == Layer.ANY_SIZE) {
                    firstFixed = required;
                }
                width = layer.outputSize(required);
                producer = "layer " + i + " " + layer;
            }
        }
        return new LayerStack(copy, names(copy), firstFixed, width);
    }

    /**
     * Runs {@code x} through every layer, first to last, each in {@code mode}, and in the pass
     * {@code pass} when one is given.
     */
    INDArray forward(INDArray x, Mode mode, TrainingPass pass, LayerObserver observer) {
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (observer != null) {
                observer.beforeForward(i, layer, x);
            }
            x = pass == null ? layer.forward(x, mode) : layer.forward(x, mode, pass);
            if (observer != null) {
                observer.afterForward(i, layer, x);
            }
        }
        return x;
    }

    /** Backpropagates {@code gradient} through every layer, last to first; see {@code Sequential.backward}. */
    INDArray backward(INDArray gradient, boolean needInputGradient, LayerObserver observer) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            if (observer != null) {
                observer.beforeBackward(i, layer, gradient);
            }
            gradient = layer.backward(gradient, i > 0 || needInputGradient);
            if (observer != null) {
                observer.afterBackward(i, layer, gradient);
            }
        }
        return gradient;
    }

    private static List<String> names(List<Layer> layers) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Layer layer : layers) {
            int index = counts.merge(layer.typeName(), 1, Integer::sum) - 1;
            names.add(layer.typeName() + index);
        }
        return List.copyOf(names);
    }
}
