package io.github.nn4j.spark;

import java.io.Serializable;

/**
 * A model as a {@link SparkPredictor} broadcasts it once: its id, architecture, weights and running
 * statistics (null for a model without any).
 */
final class ServedModel implements Serializable {

    private static final long serialVersionUID = 1L;

    final String id;
    final ModelSpec spec;
    final FlatValues weights;
    final FlatValues states;

    ServedModel(String id, ModelSpec spec, FlatValues weights, FlatValues states) {
        this.id = id;
        this.spec = spec;
        this.weights = weights;
        this.states = states;
    }
}
