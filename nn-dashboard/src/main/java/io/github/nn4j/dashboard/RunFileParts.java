package io.github.nn4j.dashboard;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the small objects of a saved run ({@link RunFile}): its description, progress and confusion matrix. */
final class RunFileParts {

    private RunFileParts() {
    }

    static RunInfo info(JsonReader json) throws IOException {
        String summary = "";
        long parameters = 0;
        List<LayerInfo> layers = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        long totalSteps = 0;
        int batchSize = 0;
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "summary" -> summary = RunFile.text(json);
                case "parameters" -> parameters = json.nextLong();
                case "layers" -> {
                    json.beginArray();
                    while (json.hasNext()) {
                        RunFile.limit(layers.size());
                        layers.add(layer(json));
                    }
                    json.endArray();
                }
                case "settings" -> {
                    json.beginObject();
                    while (json.hasNext()) {
                        RunFile.limit(settings.size());
                        settings.put(json.nextName(), RunFile.text(json));
                    }
                    json.endObject();
                }
                case "classes" -> {
                    json.beginArray();
                    while (json.hasNext()) {
                        RunFile.limit(classes.size());
                        classes.add(RunFile.text(json));
                    }
                    json.endArray();
                }
                case "totalSteps" -> totalSteps = json.nextLong();
                case "batchSize" -> batchSize = json.nextInt();
                default -> json.skipValue();
            }
        }
        json.endObject();
        return new RunInfo(summary, parameters, layers, settings, classes, totalSteps, batchSize);
    }

    private static LayerInfo layer(JsonReader json) throws IOException {
        int index = -1;
        String name = "";
        String type = "";
        String panel = LayerInfo.NONE;
        String activation = "";
        String text = "";
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "index" -> index = json.nextInt();
                case "name" -> name = RunFile.text(json);
                case "type" -> type = RunFile.text(json);
                case "panel" -> panel = RunFile.text(json);
                case "activation" -> activation = RunFile.text(json);
                case "text" -> text = RunFile.text(json);
                default -> json.skipValue();
            }
        }
        json.endObject();
        if (index < 0 || !List.of(LayerInfo.WEIGHTS, LayerInfo.ACTIVATION, LayerInfo.NONE).contains(panel)) {
            throw new IllegalArgumentException("layer " + index + " has no index or an unknown panel \"" + panel + "\"");
        }
        return new LayerInfo(index, name, type, panel, activation, text);
    }

    static Progress progress(JsonReader json) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        json.beginObject();
        while (json.hasNext()) {
            String name = json.nextName();
            if (json.peek() == JsonToken.NUMBER) {
                values.put(name, json.nextDouble());
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        return new Progress(values.getOrDefault("epoch", 0.0).intValue(), values.getOrDefault("step", 0.0).longValue(),
                values.getOrDefault("elapsedSeconds", 0.0), values.getOrDefault("etaSeconds", Double.NaN),
                values.getOrDefault("samplesPerSecond", Double.NaN), values.getOrDefault("overhead", 0.0),
                values.getOrDefault("sampleEvery", 0.0).longValue());
    }

    static Confusion confusion(JsonReader json) throws IOException {
        int epoch = 0;
        List<long[]> rows = new ArrayList<>();
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "epoch" -> epoch = json.nextInt();
                case "matrix" -> {
                    json.beginArray();
                    while (json.hasNext()) {
                        RunFile.limit(rows.size());
                        List<Long> row = new ArrayList<>();
                        json.beginArray();
                        while (json.hasNext()) {
                            RunFile.limit(row.size());
                            row.add(json.nextLong());
                        }
                        json.endArray();
                        rows.add(row.stream().mapToLong(Long::longValue).toArray());
                    }
                    json.endArray();
                }
                default -> json.skipValue();
            }
        }
        json.endObject();
        long[][] matrix = rows.toArray(new long[0][]);
        for (long[] row : matrix) {
            if (row.length != matrix.length) {
                throw new IllegalArgumentException("the confusion matrix is not square: a row of " + row.length
                        + " counts in " + matrix.length + " rows");
            }
        }
        return new Confusion(epoch, matrix);
    }
}
