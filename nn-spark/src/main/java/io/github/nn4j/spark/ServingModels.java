package io.github.nn4j.spark;

import io.github.nn4j.model.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models of {@link SparkPredictor}s in an executor JVM, one per predictor, built from its
 * broadcast on first use. Inference is thread-safe, so all task threads share it.
 */
final class ServingModels {

    private static final int KEPT = 4;

    private static final Map<String, Sequential> MODELS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sequential> eldest) {
            return size() > KEPT;
        }
    };

    private ServingModels() {
    }

    /** The model of predictor {@code id}, built from its architecture and weights the first time. */
    static Sequential get(String id, ModelSpec spec, FlatValues weights) {
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(id, key -> {
                Sequential model = spec.build();
                weights.copyInto(model.parameterSet().values());
                return model;
            });
        }
    }

    /** Drops the model of a closed predictor. */
    static void forget(String id) {
        synchronized (MODELS) {
            MODELS.remove(id);
        }
    }
}
