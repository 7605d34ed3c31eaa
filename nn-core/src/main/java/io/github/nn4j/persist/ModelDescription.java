package io.github.nn4j.persist;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.io.JsonFields;
import io.github.nn4j.io.JsonReader;
import io.github.nn4j.io.JsonWriter;
import io.github.nn4j.io.Npy;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerRegistry;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON text of {@link ModelFile#DESCRIPTION}: format and version, data type, the layers with
 * their types and settings, the parameters with their shapes, the state that is not trained with
 * its shapes (only for models that have some), the seed and each section's type, settings and
 * array list. Every map is written in sorted key order, so the bytes depend only on
 * the contents.
 */
final class ModelDescription {

    /** The key of the list of state entries (running statistics), present only when the model has state. */
    static final String STATE = "state";

    private ModelDescription() {
    }

    /**
     * Describes {@code model} and its sections, checking first that every layer can be rebuilt
     * from what is written.
     *
     * @param model    the model
     * @param sections key → section, sorted by key
     * @return the UTF-8 bytes of the JSON description
     * @throws IllegalArgumentException when a layer cannot be rebuilt from its settings or a key is invalid
     */
    static byte[] of(Sequential model, Map<String, Section> sections) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", ModelFile.FORMAT);
        root.put("version", ModelFile.VERSION);
        root.put("dataType", Npy.typeName(model.dataType()));
        List<Object> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            requireRebuildable(i, layer);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", model.layerName(i));
            entry.put("type", layer.typeName());
            entry.put("settings", sorted(layer.config()));
            layers.add(entry);
        }
        root.put("layers", layers);
        root.put("parameters", describe(model.parameters()));
        if (!model.states().isEmpty()) {   // only models with running statistics have the key
            root.put(STATE, describe(model.states()));
        }
        root.put("seed", model.seed());
        Map<String, Object> sectionsJson = new LinkedHashMap<>();
        for (Map.Entry<String, Section> section : sections.entrySet()) {
            Section.requireName(section.getKey(), "section");
            sectionsJson.put(section.getKey(), describe(section.getValue()));
        }
        root.put("sections", sectionsJson);
        try {
            return JsonWriter.write(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot describe the model as JSON: " + e.getMessage(), e);
        }
    }

    /** Each parameter's name and shape, in order. */
    private static List<Object> describe(List<Parameter> parameters) {
        List<Object> described = new ArrayList<>();
        for (Parameter parameter : parameters) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", parameter.name());
            entry.put("shape", parameter.value().shape());
            described.add(entry);
        }
        return described;
    }

    private static Map<String, Object> describe(Section section) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", section.type());
        entry.put("settings", sorted(section.settings()));
        List<Object> arrays = new ArrayList<>();
        new TreeMap<>(section.arrays()).forEach((name, array) -> {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("name", name);
            described.put("shape", array.shape());
            described.put("dataType", Npy.typeName(array.dataType()));
            arrays.add(described);
        });
        entry.put("arrays", arrays);
        return entry;
    }

    /**
     * Parses a description.
     *
     * @param bytes the bytes of {@link ModelFile#DESCRIPTION}
     * @return its top-level fields, owned by {@code "model.json"}
     * @throws IOException              when the bytes are not valid JSON ({@link JsonReader})
     * @throws IllegalArgumentException when the JSON is not an object
     */
    static JsonFields parse(byte[] bytes) throws IOException {
        return JsonFields.of(JsonReader.read(bytes), ModelFile.DESCRIPTION);
    }

    /** A copy of a JSON value with every map's keys sorted, at any depth, so the bytes do not depend on map order. */
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((key, item) -> copy.put((String) key, sorted(item)));
            return copy;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return value;
    }

    private static void requireRebuildable(int index, Layer layer) {
        String problem;
        try {
            Layer rebuilt = LayerRegistry.create(layer.typeName(), layer.config());
            if (rebuilt.getClass() == layer.getClass() && rebuilt.config().equals(layer.config())
                    && rebuilt.toString().equals(layer.toString())) {
                return;
            }
            problem = "it would load back as " + rebuilt + " (" + rebuilt.getClass().getSimpleName()
                    + "); its config() must return every setting";
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        throw new IllegalArgumentException("cannot save layer " + index + " " + layer + " of type '" + layer.typeName()
                + "' with settings " + layer.config() + ": " + problem);
    }
}
