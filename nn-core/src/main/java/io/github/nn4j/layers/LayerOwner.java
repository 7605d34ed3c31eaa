package io.github.nn4j.layers;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The record of which model a layer belongs to, kept by the layer itself. A layer holds views into
 * its model's parameter buffers and its own training buffers (the last input, the output), so one
 * layer object in two models silently corrupts training: a model claims the record of each of its
 * layers when it is built and refuses a layer that another model holds. A layer belongs to the
 * first model built with it for the rest of its life.
 *
 * <p>Every built-in layer keeps one. A layer of your own keeps the check with
 * <pre>{@code
 * private final LayerOwner owner = new LayerOwner();
 *
 * @Override
 * public LayerOwner owner() {
 *     return owner;
 * }
 * }</pre>
 */
public final class LayerOwner {

    private final AtomicReference<Object> model = new AtomicReference<>();

    /** The record of a layer that belongs to no model yet. */
    public LayerOwner() {
    }

    /**
     * Makes {@code model} the owner, unless another model is.
     *
     * @param model the model taking the layer
     * @return whether {@code model} owns the layer now; {@code false} when another model does
     */
    public boolean claim(Object model) {
        return this.model.compareAndSet(null, model) || this.model.get() == model;
    }

    /**
     * Frees the layer if {@code model} owns it, for a model whose construction failed.
     *
     * @param model the model that claimed the layer
     */
    public void release(Object model) {
        this.model.compareAndSet(model, null);
    }
}
