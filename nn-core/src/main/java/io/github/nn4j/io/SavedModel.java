package io.github.nn4j.io;

import io.github.nn4j.model.Sequential;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from a model file: the model and the optional sections saved with it.
 *
 * @param model    the rebuilt model with its saved parameters
 * @param sections section key (e.g. {@link ModelFile#OPTIMIZER}) → section, in file order
 */
public record SavedModel(Sequential model, Map<String, Section> sections) {

    /** Keeps an unmodifiable copy of the sections. */
    public SavedModel {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /**
     * The section saved under {@code key}, if any.
     *
     * @param key e.g. {@link ModelFile#NORMALIZER}
     * @return the section, or empty when the file has none under that key
     */
    public Optional<Section> section(String key) {
        return Optional.ofNullable(sections.get(key));
    }
}
