package io.github.nn4j.persist;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The nn4j model file: one zip archive holding {@code model.json} (format name and version,
 * data type, every layer with its type and settings in order, every parameter's name and shape,
 * optional sections) and one NumPy {@code .npy} entry per parameter, named after the parameter.
 *
 * <pre>
 * model.nn4j (zip; arrays stored uncompressed, as numpy.savez does; model.json deflated)
 * ├── model.json         {"format": "nn4j", "version": 1, "dataType": "float32",
 * │                       "layers": [{"name": "dense0", "type": "dense", "settings": {"in": 784, "out": 256}}, …],
 * │                       "parameters": [{"name": "dense0.W", "shape": [784, 256]}, …],
 * │                       "seed": 42, "sections": {…}}
 * ├── dense0.W.npy       float32 [784, 256]
 * ├── dense0.b.npy       float32 [1, 256]
 * ├── …                  (a model with running statistics lists them under "state" and stores
 * │                       them as entries such as batchnorm0.running_mean.npy after the parameters)
 * └── optimizer/m.npy    arrays of optional sections, under the section's key
 * </pre>
 *
 * <p>Because the weights are plain {@code .npy} entries, Python reads them with no nn4j code:
 * {@code numpy.load("model.nn4j")["dense0.W"]}. (NumPy's key list also shows {@code model.json},
 * whose value is the raw JSON bytes: {@code json.loads(numpy.load("model.nn4j")["model.json"])}.)
 *
 * <p>The file's bytes depend only on its contents: sections, their arrays and every settings map
 * (nested ones too) are written in sorted key order, whatever order the caller's maps have, and
 * entry times are fixed.
 *
 * <p>Writing is atomic: the file is written beside the target under a temporary name, forced to
 * disk and renamed over the target, so a crash or an error mid-save leaves the previous file
 * byte for byte as it was. Reading checks everything it relies on and throws a
 * {@link ModelFormatException} naming the file and the problem for a truncated, corrupt,
 * foreign or newer file, or one whose arrays do not match its description. Every size the
 * description declares is checked against the entries' {@code .npy} headers before anything of
 * that size is allocated, and compressed entries may inflate at most
 * {@link io.github.nn4j.internal.io.Inflation#limit 100-fold}, so a file cannot make the reader allocate
 * much more than it holds.
 *
 * <p>This class is the entry point; the JSON text is built in {@code ModelDescription}, the zip
 * layout written and read in {@code ModelArchive}, and a file checked and rebuilt in
 * {@code ModelReader}.
 */
public final class ModelFile {

    /** The format name in {@code model.json}. */
    public static final String FORMAT = "nn4j";
    /** The format version this code writes, and the newest it reads. */
    public static final int VERSION = 1;
    /** The name of the description entry. */
    public static final String DESCRIPTION = "model.json";
    /** Section key for the fitted input normalizer, written by {@link NormalizerCodec}. */
    public static final String NORMALIZER = "normalizer";
    /**
     * Section key for the optimizer with its settings and state (moments, step count), for
     * resuming training; written by {@link OptimizerCodec}.
     */
    public static final String OPTIMIZER = "optimizer";
    /**
     * Section key for the training progress, for resuming training: epochs done and configured,
     * seed, batch size, and descriptions of the loss, schedule, regularization and clipping. The
     * per-epoch history (losses, accuracies) is not part of it.
     */
    public static final String TRAINING = "training";

    private ModelFile() {
    }

    /**
     * Saves {@code model} to {@code file} atomically.
     *
     * @param file  the target, conventionally ending in {@code .nn4j}
     * @param model the model
     * @throws IOException              when writing fails; an old file is then unchanged
     * @throws IllegalArgumentException when a layer cannot be rebuilt from its settings
     */
    public static void write(Path file, Sequential model) throws IOException {
        write(file, model, Map.of());
    }

    /**
     * Saves {@code model} and optional sections to {@code file} atomically.
     *
     * @param file     the target
     * @param model    the model
     * @param sections key → section, e.g. {@link #OPTIMIZER} → the optimizer's state; keys are
     *                 letters, digits, {@code _ . -}
     * @throws IOException              when writing fails; an old file is then unchanged
     * @throws IllegalArgumentException when a layer cannot be rebuilt from its settings or a key is invalid
     */
    public static void write(Path file, Sequential model, Map<String, Section> sections) throws IOException {
        write(file, model, sections, entry -> { });
    }

    /**
     * Saves {@code model} with the normalizer its inputs need, under {@link #NORMALIZER};
     * {@code ModelFile.readAll(file).normalizer()} gives it back.
     *
     * @param file       the target, conventionally ending in {@code .nn4j}
     * @param model      the model
     * @param normalizer the normalizer fitted on the training features
     * @throws IOException              when writing fails; an old file is then unchanged
     * @throws IllegalArgumentException when a layer cannot be rebuilt from its settings, or the
     *                                  normalizer does not fit the model's input size
     */
    public static void write(Path file, Sequential model, Normalizer normalizer) throws IOException {
        if (normalizer == null) {
            throw new IllegalArgumentException("normalizer is null; use write(file, model) for a model without one");
        }
        if (model.inputSize() != Layer.ANY_SIZE && normalizer.featureCount() != model.inputSize()) {
            throw new IllegalArgumentException(normalizer + " was fitted on " + normalizer.featureCount()
                    + " features, but " + model + " expects " + model.inputSize());
        }
        write(file, model, Map.of(NORMALIZER, NormalizerCodec.write(normalizer)));
    }

    /** As above; {@code beforeEntry} sees each entry name before it is written (tests inject failures). */
    static void write(Path file, Sequential model, Map<String, Section> givenSections, Consumer<String> beforeEntry)
            throws IOException {
        Map<String, Section> sections = new TreeMap<>(givenSections);
        byte[] description = ModelDescription.of(model, sections);
        List<Parameter> arrays = new ArrayList<>(model.parameters());
        arrays.addAll(model.states());   // running statistics are entries like parameters, after them
        ModelArchive.write(file, description, arrays, sections, beforeEntry);
    }

    /**
     * Loads the model saved in {@code file}.
     *
     * @param file the model file
     * @return the model, with its saved parameters, data type and seed
     * @throws ModelFormatException naming the file and the problem when it is not a valid model file
     * @throws IOException          when the file cannot be read
     */
    public static Sequential read(Path file) throws IOException {
        return readAll(file).model();
    }

    /**
     * Loads the model and every section saved in {@code file}.
     *
     * @param file the model file
     * @return the model and its sections
     * @throws ModelFormatException naming the file and the problem when it is not a valid model file
     * @throws IOException          when the file cannot be read
     */
    public static SavedModel readAll(Path file) throws IOException {
        try (ModelArchive archive = ModelArchive.open(file)) {
            return new ModelReader(file, archive).read();
        }
    }
}
