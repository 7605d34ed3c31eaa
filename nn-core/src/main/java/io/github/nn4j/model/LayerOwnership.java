package io.github.nn4j.model;

import io.github.nn4j.layers.Layer;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which layer objects already belong to a {@link Sequential} model: a set of layers compared by
 * identity (never by {@code equals}), holding them weakly so a layer whose models are gone is
 * collected as usual.
 *
 * <p>A layer holds views into its model's parameter buffers and its own training buffers (the
 * last input, the output), so one layer object at two positions, or in two models, silently
 * corrupts training. A layer belongs to the first model built with it for the rest of its life.
 */
final class LayerOwnership {

    private static final ReferenceQueue<Layer> COLLECTED = new ReferenceQueue<>();
    private static final Map<Integer, List<Owned>> BY_HASH = new HashMap<>();

    private LayerOwnership() {
    }

    /**
     * Checks that every layer is a distinct object that belongs to no model yet, then records
     * them all; on an error nothing is recorded.
     *
     * @param layers the new model's layers, in order
     * @throws IllegalArgumentException naming the layer and its positions
     */
    static synchronized void claim(List<Layer> layers) {
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
        forgetCollected();
        for (int i = 0; i < layers.size(); i++) {
            if (contains(layers.get(i))) {
                throw new IllegalArgumentException("layer " + i + " " + layers.get(i) + " already belongs to another "
                        + "Sequential model; a layer keeps its model's parameters and training buffers, so create a "
                        + "new layer object for this model");
            }
        }
        for (Layer layer : layers) {
            int hash = System.identityHashCode(layer);
            BY_HASH.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(new Owned(layer, hash));
        }
    }

    /** Forgets the layers of a model whose construction failed after {@link #claim}. */
    static synchronized void release(List<Layer> layers) {
        for (Layer layer : layers) {
            List<Owned> bucket = BY_HASH.get(System.identityHashCode(layer));
            if (bucket != null) {
                bucket.removeIf(owned -> owned.get() == layer);
            }
        }
    }

    private static boolean contains(Layer layer) {
        List<Owned> bucket = BY_HASH.get(System.identityHashCode(layer));
        if (bucket != null) {
            for (Owned owned : bucket) {
                if (owned.get() == layer) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void forgetCollected() {
        for (Object reference; (reference = COLLECTED.poll()) != null; ) {
            Owned owned = (Owned) reference;
            List<Owned> bucket = BY_HASH.get(owned.hash);
            if (bucket != null) {
                bucket.remove(owned);
                if (bucket.isEmpty()) {
                    BY_HASH.remove(owned.hash);
                }
            }
        }
    }

    /** A weak reference to a claimed layer, remembering the identity hash it is filed under. */
    private static final class Owned extends WeakReference<Layer> {
        private final int hash;

        Owned(Layer layer, int hash) {
            super(layer, COLLECTED);
            this.hash = hash;
        }
    }
}
