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

    /** The model of a predictor, built from its architecture, weights and running statistics the first time. */
    static Sequential get(ServedModel served) {
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(served.id, key -> {
                Sequential model = served.spec.build();
                served.weights.copyInto(model.parameterSet().values());
                if (served.states != null) {
                    served.states.copyInto(model.parameterSet().states());
                }
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
