package io.github.nn4j.dashboard;

import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.layers.ActivationLayer;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.train.TrainingSettings;
import io.github.nn4j.train.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a run's {@link RunInfo} from what a listener sees when training starts. */
final class RunDescription {

    private RunDescription() {
    }

    /**
     * Describes the run about to start.
     *
     * @param state      the run's state at its start
     * @param classNames the class names given to the dashboard, or {@code null} for "0", "1", …
     * @return the description
     */
    static RunInfo of(TrainingState state, List<String> classNames) {
        Sequential model = state.model();
        List<LayerInfo> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            layers.add(layer(model, i));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        TrainingSettings run = state.settings().orElse(null);
        int batchSize = 0;
        if (run != null) {
            Optimizer optimizer = run.optimizer();
            settings.put("optimizer", String.valueOf(optimizer));
            settings.put("learning rate", String.valueOf(optimizer.learningRate()));
            settings.put("batch size", String.valueOf(run.batchSize()));
            settings.put("epochs", String.valueOf(run.epochs()));
            settings.put("seed", String.valueOf(run.seed()));
            putIfSet(settings, "schedule", run.schedule());
            putIfSet(settings, "regularization", run.regularization());
            putIfSet(settings, "gradient clipping", run.clipping());
            if (run.startEpoch() > 0) {
                settings.put("resumed after epoch", String.valueOf(run.startEpoch()));
            }
            batchSize = run.batchSize();
        } else if (state.batchesPerEpoch() > 0) {
            batchSize = (int) Math.ceil((double) state.trainingExamples() / state.batchesPerEpoch());
            settings.put("epochs", String.valueOf(state.epochs()));
        }
        settings.put("training examples per epoch", String.valueOf(state.trainingExamples()));
        settings.put("steps per epoch", String.valueOf(state.batchesPerEpoch()));
        DataSet validation = state.validation().orElse(null);
        settings.put("validation examples", validation == null ? "none here" : String.valueOf(validation.size()));
        settings.put("parameters", String.valueOf(model.parameterCount()));
        int startEpoch = run == null ? 0 : run.startEpoch();
        long totalSteps = (long) state.batchesPerEpoch() * Math.max(state.epochs() - startEpoch, 0);
        return new RunInfo(model.summary(), model.parameterCount(), layers, settings, classes(model, classNames),
                totalSteps, batchSize);
    }

    private static LayerInfo layer(Sequential model, int index) {
        Layer layer = model.layers().get(index);
        String panel = LayerInfo.NONE;
        String activation = "";
        if (layer instanceof ActivationLayer function) {
            panel = LayerInfo.ACTIVATION;
            activation = function.activation().name();
        } else if (layer.parameterSpecs().stream().anyMatch(spec -> spec.kind() == ParameterKind.WEIGHT)) {
            panel = LayerInfo.WEIGHTS;
        }
        return new LayerInfo(index, model.layerName(index), layer.typeName(), panel, activation, String.valueOf(layer));
    }

    /** The given names, or "0", "1", … for a model with several outputs, or none. */
    private static List<String> classes(Sequential model, List<String> classNames) {
        if (classNames != null) {
            return classNames;
        }
        List<String> names = new ArrayList<>();
        int outputs = model.outputSize();
        for (int i = 0; outputs > 1 && i < outputs; i++) {
            names.add(String.valueOf(i));
        }
        return names;
    }

    private static void putIfSet(Map<String, String> settings, String name, Object value) {
        if (value != null) {
            settings.put(name, value.toString());
        }
    }
}
