package io.github.nn4j.dashboard;

/**
 * One layer as the page shows it.
 *
 * @param index      the layer's position in the model, from 0
 * @param name       its name in the model, e.g. {@code dense0}
 * @param type       its type name, e.g. {@code dense} or {@code relu}
 * @param panel      which statistics it has: {@code "weights"} (a layer with weights: their norm, the
 *                   gradient's norm, the update-to-weight ratio), {@code "activation"} (mean and
 *                   spread of its outputs, dead or saturated units), or {@code "none"}
 * @param activation the activation function's name for an activation layer, else {@code ""}
 * @param text       the layer as {@code toString()} prints it, e.g. {@code Dense(784→128)}
 */
record LayerInfo(int index, String name, String type, String panel, String activation, String text) {

    /** A layer with weights. */
    static final String WEIGHTS = "weights";
    /** An activation layer. */
    static final String ACTIVATION = "activation";
    /** A layer without statistics (dropout, softmax, …). */
    static final String NONE = "none";
}
