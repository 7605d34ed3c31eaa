package io.github.nn4j.model;

import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerOwner;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a new model's layers: each must be a distinct object (compared by identity, never by
 * {@code equals}) that belongs to no other model, and the model becomes the owner each layer
 * records ({@link Layer#owner()}). A layer holds views into its model's parameter buffers and its
 * own training buffers, so one layer object at two positions, or in two models, silently corrupts
 * training.
 */
final class LayerOwnership {

    private LayerOwnership() {
    }

    /**
     * Checks that every layer is a distinct object that belongs to no other model, then records
     * {@code model} as their owner; on an error nothing is recorded.
     *
     * @param layers the new model's layers, in order
     * @param model  the new model
     * @throws IllegalArgumentException naming the layer and its positions
     */
    static void claim(List<Layer> layers, Object model) {
        Map<Layer, Integer> positions = new IdentityHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Integer earlier = positions.putIfAbsent(layer, i);
            if (earlier != null) {
                throw new IllegalArgumentException("layer " + i + " " + layer + " is the same object as layer "
                        + earlier + "; each position needs its own layer object (a layer keeps its parameters and "
                        + "training buffers)");
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerOwner owner = layers.get(i).owner();
            if (owner != null && !owner.claim(model)) {
                release(layers.subList(0, i), model);
                throw new IllegalArgumentException("layer " + i + " " + layers.get(i) + " already belongs to another "
                        + "Sequential model; a layer keeps its model's parameters and training buffers, so create a "
                        + "new layer object for this model");
            }
        }
    }

    /**
     * Frees the layers of a model whose construction failed after {@link #claim}.
     *
     * @param layers the layers
     * @param model  the model that claimed them
     */
    static void release(List<Layer> layers, Object model) {
        for (Layer layer : layers) {
            LayerOwner owner = layer.owner();
            if (owner != null) {
                owner.release(model);
            }
        }
    }
}
