package io.github.nn4j.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What a run is, fixed when it starts: its model and settings, for the page's summary.
 *
 * @param summary    the model's summary table ({@code Sequential.summary()})
 * @param parameters the number of parameters
 * @param layers     every layer, first to last
 * @param settings   the training settings by name, in display order
 * @param classes    the class names of a classifier, empty otherwise
 * @param totalSteps optimizer steps the run will take if it is not stopped early; 0 when unknown
 * @param batchSize  examples per step; 0 when unknown
 */
record RunInfo(String summary, long parameters, List<LayerInfo> layers, Map<String, String> settings,
               List<String> classes, long totalSteps, int batchSize) {

    /** Copies the lists and map. */
    RunInfo {
        layers = List.copyOf(layers);
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        classes = List.copyOf(classes);
    }

    /** Nothing known yet: the run has not started. */
    static RunInfo empty() {
        return new RunInfo("", 0, List.of(), Map.of(), List.of(), 0, 0);
    }
}
