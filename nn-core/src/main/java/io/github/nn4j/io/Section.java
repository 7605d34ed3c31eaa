package io.github.nn4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optional named part of a model file beside the layers and parameters: the fitted
 * normalizer, the optimizer state, the training progress. A section has a type name, JSON
 * settings and named arrays; the model file stores it under {@code "sections"} in
 * {@code model.json} and its arrays as {@code <section key>/<array name>.npy} entries.
 *
 * <p>Examples of what the trainer stores (keys from {@code io.github.nn4j.persist.ModelFile}):
 * <pre>{@code
 * "optimizer"  → new Section("adam", Map.of("learningRate", 1e-3, "steps", 938), Map.of("m", m, "v", v))
 * "normalizer" → new Section("standardize", Map.of(), Map.of("mean", mean, "std", std))
 * "training"   → new Section("progress", Map.of("epoch", 2), Map.of())
 * }</pre>
 *
 * @param type     what kind of object this is, so that the reader knows how to rebuild it
 * @param settings JSON values: {@code Number}, {@code String}, {@code Boolean}, lists and maps of those
 * @param arrays   name → array; names are letters, digits, {@code _ . -}
 */
public record Section(String type, Map<String, Object> settings, Map<String, INDArray> arrays) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    /** Checks the names and values and keeps unmodifiable copies in the given order. */
    public Section {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a section needs a type name");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        settings.forEach((key, value) -> requireJson(type + " setting '" + key + "'", value));
        for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
            requireName(entry.getKey(), "array");
            Npy.requireSupported(entry.getValue(), type + " array '" + entry.getKey() + "'");
        }
    }

    /**
     * One array of this section.
     *
     * @param name the array's name
     * @return the array
     * @throws IllegalArgumentException naming the known arrays when there is none of that name
     */
    public INDArray array(String name) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException(type + " section has no array '" + name + "'; it has " + arrays.keySet());
        }
        return array;
    }

    /**
     * Checks that this section is of the expected type, before rebuilding an object from it.
     *
     * @param expected the type name the reader rebuilds, e.g. {@code "adam"}
     * @return this section
     * @throws IllegalArgumentException naming both types when they differ
     */
    public Section requireType(String expected) {
        if (!type.equals(expected)) {
            throw new IllegalArgumentException("expected a '" + expected + "' section, got '" + type + "'");
        }
        return this;
    }

    /**
     * The settings, for typed reading: {@code section.fields().list("sizes")}. Messages name the
     * section as {@code "<type> section"}.
     *
     * @return the settings as {@link JsonFields}
     */
    public JsonFields fields() {
        return new JsonFields(type + " section", settings);
    }

    /**
     * A numeric setting as a {@code double}; see {@link JsonFields#number(String)}.
     *
     * @param name the setting's name
     * @return its value
     * @throws IllegalArgumentException naming the setting and what it holds when it is missing or not a number
     */
    public double number(String name) {
        return fields().number(name);
    }

    /**
     * A whole-number setting as a {@code long}; see {@link JsonFields#integer(String)}.
     *
     * @param name the setting's name
     * @return its value
     * @throws IllegalArgumentException naming the setting and what it holds when it is missing or not an integer
     */
    public long integer(String name) {
        return fields().integer(name);
    }

    /**
     * A boolean setting; see {@link JsonFields#flag(String)}.
     *
     * @param name the setting's name
     * @return its value
     * @throws IllegalArgumentException naming the setting and what it holds when it is missing or not a boolean
     */
    public boolean flag(String name) {
        return fields().flag(name);
    }

    /**
     * A text setting; see {@link JsonFields#text(String)}.
     *
     * @param name the setting's name
     * @return its value
     * @throws IllegalArgumentException naming the setting and what it holds when it is missing or not a string
     */
    public String text(String name) {
        return fields().text(name);
    }

    /**
     * Checks that {@code name} can be a section key or array name: letters, digits, {@code _ . -},
     * and not {@code .} or {@code ..}.
     *
     * @param name the name
     * @param what what is named, for the message, e.g. {@code "section"}
     * @throws IllegalArgumentException naming the rule when it does not fit
     */
    public static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(what + " name '" + name + "' must be letters, digits, '_', '.' or '-'");
        }
    }

    private static void requireJson(String what, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return;
        }
        if (value instanceof Number number) {
            if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
                throw new IllegalArgumentException(what + " is " + value + ", which JSON cannot hold");
            }
            return;
        }
        if (value instanceof Iterable<?> list) {
            for (Object item : list) {
                requireJson(what, item);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException(what + " has a non-text key " + entry.getKey());
                }
                requireJson(what, entry.getValue());
            }
            return;
        }
        throw new IllegalArgumentException(what + " is a " + value.getClass().getName()
                + "; settings hold numbers, strings, booleans, lists and maps");
    }
}
