package io.github.nn4j.persist;

import io.github.nn4j.data.Normalizer;
import io.github.nn4j.io.Section;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from a model file: the model and the optional sections saved with it.
 *
 * <pre>{@code
 * SavedModel saved = ModelFile.readAll(Path.of("fashion.nn4j"));
 * Normalizer scaler = saved.normalizer().orElseThrow();
 * INDArray scores = saved.model().predict(scaler.transform(features));   // the last layer's output
 * }</pre>
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

    /**
     * The normalizer saved under {@link ModelFile#NORMALIZER}, rebuilt by {@link NormalizerCodec}.
     *
     * @return the normalizer, or empty when none was saved
     * @throws IllegalArgumentException naming the problem when the section does not describe a normalizer
     */
    public Optional<Normalizer> normalizer() {
        return section(ModelFile.NORMALIZER).map(NormalizerCodec::read);
    }

    /**
     * The optimizer saved under {@link ModelFile#OPTIMIZER}, rebuilt by {@link OptimizerCodec} with
     * its settings, step count and state.
     *
     * @return the optimizer, or empty when none was saved
     * @throws IllegalArgumentException naming the problem when the section does not describe an optimizer
     */
    public Optional<Optimizer> optimizer() {
        return section(ModelFile.OPTIMIZER).map(OptimizerCodec::read);
    }
}
