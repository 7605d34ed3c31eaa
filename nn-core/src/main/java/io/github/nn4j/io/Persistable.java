package io.github.nn4j.io;


/**
 * Something that can travel inside a model file as a {@link Section}: a fitted normalizer, an
 * optimizer's state. Implementations also offer a way back, by convention a static
 * {@code fromSection(Section)} method that checks {@link Section#type()}.
 *
 * <pre>{@code
 * ModelFile.write(path, model, Map.of(ModelFile.NORMALIZER, normalizer.toSection()));
 * Section saved = ModelFile.readAll(path).section(ModelFile.NORMALIZER).orElseThrow();
 * }</pre>
 */
public interface Persistable {

    /**
     * A snapshot of this object's state: later changes to the object do not change the section.
     *
     * @return the type name, settings and arrays that rebuild this object
     */
    Section toSection();
}
