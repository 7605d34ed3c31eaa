package io.github.nn4j.persist;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.AtomicFile;
import io.github.nn4j.io.Npy;
import io.github.nn4j.io.NpyFormatException;
import io.github.nn4j.io.Npz;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerRegistry;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The nn4j model file: one zip archive holding {@code model.json} (format name and version,
 * data type, every layer with its type and settings in order, every parameter's name and shape,
 * optional sections) and one NumPy {@code .npy} entry per parameter, named after the parameter.
 *
 * <pre>
 * model.nn4j (zip, entries stored uncompressed)
 * ├── model.json         {"format": "nn4j", "version": 1, "dataType": "float32",
 * │                       "layers": [{"name": "dense0", "type": "dense", "settings": {"in": 784, "out": 256}}, …],
 * │                       "parameters": [{"name": "dense0.W", "shape": [784, 256]}, …],
 * │                       "seed": 42, "sections": {…}}
 * ├── dense0.W.npy       float32 [784, 256]
 * ├── dense0.b.npy       float32 [1, 256]
 * ├── …
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
 * foreign or newer file, or one whose arrays do not match its description.
 */
public final class ModelFile {

    /** The format name in {@code model.json}. */
    public static final String FORMAT = "nn4j";
    /** The format version this code writes, and the newest it reads. */
    public static final int VERSION = 1;
    /** The name of the description entry. */
    public static final String DESCRIPTION = "model.json";
    /** Section key for the fitted input normalizer. */
    public static final String NORMALIZER = "normalizer";
    /** Section key for the optimizer state (moments, step count), for resuming training. */
    public static final String OPTIMIZER = "optimizer";
    /** Section key for training progress (epoch, history), for resuming training. */
    public static final String TRAINING = "training";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        write(file, model, Map.of(NORMALIZER, normalizer.toSection()));
    }

    /** As above; {@code beforeEntry} sees each entry name before it is written (tests inject failures). */
    static void write(Path file, Sequential model, Map<String, Section> givenSections, Consumer<String> beforeEntry)
            throws IOException {
        Map<String, Section> sections = new TreeMap<>(givenSections);
        byte[] description = describe(model, sections);
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            beforeEntry.accept(DESCRIPTION);
            ZipEntry json = new ZipEntry(DESCRIPTION);
            json.setTimeLocal(Npz.ENTRY_TIME);
            zip.putNextEntry(json);
            zip.write(description);
            zip.closeEntry();
            for (Parameter parameter : model.parameters()) {
                beforeEntry.accept(parameter.name() + ".npy");
                putArray(zip, parameter.name() + ".npy", parameter.value());
            }
            for (Map.Entry<String, Section> section : sections.entrySet()) {
                for (Map.Entry<String, INDArray> array : new TreeMap<>(section.getValue().arrays()).entrySet()) {
                    String name = section.getKey() + "/" + array.getKey() + ".npy";
                    beforeEntry.accept(name);
                    putArray(zip, name, array.getValue());
                }
            }
            zip.finish();
        });
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray array) throws IOException {
        Npz.putStored(zip, name, array);
    }

    /** Builds {@code model.json}, checking first that every layer can be rebuilt from what is written. */
    private static byte[] describe(Sequential model, Map<String, Section> sections) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
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
        List<Object> parameters = new ArrayList<>();
        for (Parameter parameter : model.parameters()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", parameter.name());
            entry.put("shape", parameter.value().shape());
            parameters.add(entry);
        }
        root.put("parameters", parameters);
        root.put("seed", model.seed());
        Map<String, Object> sectionsJson = new LinkedHashMap<>();
        for (Map.Entry<String, Section> section : sections.entrySet()) {
            Section.requireName(section.getKey(), "section");
            Section value = section.getValue();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", value.type());
            entry.put("settings", sorted(value.settings()));
            List<Object> arrays = new ArrayList<>();
            new TreeMap<>(value.arrays()).forEach((name, array) -> {
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("name", name);
                described.put("shape", array.shape());
                described.put("dataType", Npy.typeName(array.dataType()));
                arrays.add(described);
            });
            entry.put("arrays", arrays);
            sectionsJson.put(section.getKey(), entry);
        }
        root.put("sections", sectionsJson);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot describe the model as JSON: " + e.getOriginalMessage(), e);
        }
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
        try (ZipFile zip = openZip(file)) {
            return new Reader(file, zip).read();
        }
    }

    private static ZipFile openZip(Path file) throws IOException {
        try {
            return Npz.open(file);
        } catch (NpyFormatException e) {
            throw new ModelFormatException(file, "not an nn4j model file: not a zip archive, or truncated", e);
        }
    }

    /** Reads one open model file, checking each thing it relies on. */
    private static final class Reader {
        private final Path file;
        private final ZipFile zip;

        Reader(Path file, ZipFile zip) {
            this.file = file;
            this.zip = zip;
        }

        private ModelFormatException problem(String text) {
            return new ModelFormatException(file, text);
        }

        SavedModel read() throws IOException {
            Map<String, Object> root = description();
            Object format = root.get("format");
            if (!FORMAT.equals(format)) {
                throw problem("not an nn4j model file: " + DESCRIPTION + " declares format '" + format
                        + "', expected '" + FORMAT + "'");
            }
            long version = integer(root, "version", DESCRIPTION);
            if (version > VERSION) {
                throw problem("format version " + version + " is newer than this nn4j reads (up to " + VERSION
                        + "); upgrade nn4j to load it");
            }
            if (version < 1) {
                throw problem("invalid format version " + version);
            }
            DataType dataType = dataType(text(root, "dataType", DESCRIPTION));
            if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
                throw problem("models are float32 or float64, but " + DESCRIPTION + " says " + Npy.typeName(dataType));
            }
            Sequential model = model(list(root, "layers", DESCRIPTION));
            model.init(Initializer.zeros(), 0L, dataType);
            parameters(model, list(root, "parameters", DESCRIPTION));
            if (root.containsKey("seed")) {
                model.reseed(integer(root, "seed", DESCRIPTION));
            }
            Map<String, Section> sections = new LinkedHashMap<>();
            Object described = root.getOrDefault("sections", Map.of());
            if (!(described instanceof Map<?, ?> map)) {
                throw problem(DESCRIPTION + ": 'sections' must be an object, got " + described);
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                sections.put(key, section(key, object(entry.getValue(), "section '" + key + "'")));
            }
            return new SavedModel(model, sections);
        }

        private Map<String, Object> description() throws IOException {
            ZipEntry entry = zip.getEntry(DESCRIPTION);
            if (entry == null) {
                List<String> names = Npz.entries(zip).stream().map(ZipEntry::getName).limit(10).toList();
                throw problem("not an nn4j model file: it has no " + DESCRIPTION + " entry (entries: " + names + ")");
            }
            if (entry.getSize() > (64L << 20)) {
                throw problem(DESCRIPTION + " is implausibly large (" + entry.getSize() + " bytes)");
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = in.readAllBytes();
            } catch (java.util.zip.ZipException e) {
                throw new ModelFormatException(file, DESCRIPTION + " is corrupt (" + e.getMessage() + ")", e);
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw problem(DESCRIPTION + " is corrupt: its CRC-32 does not match the archive's");
            }
            try {
                Object root = JSON.readValue(bytes, Object.class);
                return object(root, DESCRIPTION);
            } catch (IOException e) {
                throw new ModelFormatException(file, DESCRIPTION + " is not valid JSON: " + e.getMessage(), e);
            }
        }

        private Sequential model(List<Object> described) throws ModelFormatException {
            if (described.isEmpty()) {
                throw problem(DESCRIPTION + " lists no layers");
            }
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < described.size(); i++) {
                String where = "layer " + i;
                Map<String, Object> entry = object(described.get(i), where);
                String type = text(entry, "type", where);
                Map<String, Object> settings = object(entry.getOrDefault("settings", Map.of()), where + " settings");
                try {
                    layers.add(LayerRegistry.create(type, settings));
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException(file, where + " (" + type + " " + settings + "): " + e.getMessage(),
                            e);
                }
            }
            try {
                Sequential model = new Sequential(layers);
                for (int i = 0; i < described.size(); i++) {
                    Object name = object(described.get(i), "layer " + i).get("name");
                    if (name != null && !name.equals(model.layerName(i))) {
                        throw problem("layer " + i + " is named '" + name + "' in " + DESCRIPTION
                                + ", but rebuilt as '" + model.layerName(i) + "'");
                    }
                }
                return model;
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "the layers in " + DESCRIPTION + " do not fit together: "
                        + e.getMessage(), e);
            }
        }

        private void parameters(Sequential model, List<Object> described) throws IOException {
            List<Parameter> expected = model.parameters();
            List<String> listed = new ArrayList<>();
            for (Object item : described) {
                listed.add(text(object(item, "parameter"), "name", "parameter"));
            }
            List<String> declared = expected.stream().map(Parameter::name).toList();
            if (!listed.equals(declared)) {
                throw problem(DESCRIPTION + " lists parameters " + listed + ", but its layers declare " + declared);
            }
            for (int i = 0; i < expected.size(); i++) {
                Parameter parameter = expected.get(i);
                long[] shape = shape(object(described.get(i), parameter.name()).get("shape"), parameter.name());
                if (!Arrays.equals(shape, parameter.value().shape())) {
                    throw problem(DESCRIPTION + " gives " + parameter.name() + " the shape " + Arrays.toString(shape)
                            + ", but its layers declare " + Arrays.toString(parameter.value().shape()));
                }
                INDArray value = array(parameter.name() + ".npy", shape, model.dataType());
                parameter.value().assign(value);
            }
        }

        private Section section(String key, Map<String, Object> described) throws IOException {
            String where = "section '" + key + "'";
            String type = text(described, "type", where);
            Map<String, Object> settings = object(described.getOrDefault("settings", Map.of()), where + " settings");
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (Object item : list(described, "arrays", where)) {
                Map<String, Object> array = object(item, where + " array");
                String name = text(array, "name", where + " array");
                String entry = key + "/" + name + ".npy";
                DataType dataType = dataType(text(array, "dataType", entry));
                arrays.put(name, array(entry, shape(array.get("shape"), entry), dataType));
            }
            try {
                return new Section(type, settings, arrays);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, where + ": " + e.getMessage(), e);
            }
        }

        /** Reads an entry and checks it against the description. */
        private INDArray array(String name, long[] shape, DataType dataType) throws IOException {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw problem("entry " + name + " is missing, but " + DESCRIPTION + " describes it");
            }
            INDArray array;
            try {
                array = Npz.readEntry(zip, entry, file.toString());
            } catch (NpyFormatException e) {
                throw new ModelFormatException(file, "entry " + name + " is unreadable: "
                        + e.getMessage().substring(Math.min(e.getMessage().length(), file.toString().length() + 1)), e);
            }
            if (!Arrays.equals(array.shape(), shape)) {
                throw problem(name + " has shape " + Arrays.toString(array.shape()) + ", but " + DESCRIPTION + " says "
                        + Arrays.toString(shape));
            }
            if (array.dataType() != dataType) {
                throw problem(name + " holds " + Npy.typeName(array.dataType()) + " values, but " + DESCRIPTION
                        + " says " + Npy.typeName(dataType));
            }
            return array;
        }

        private DataType dataType(String name) throws ModelFormatException {
            DataType type = Npy.dataTypeNamed(name);
            if (type != null) {
                return type;
            }
            throw problem("unknown data type '" + name + "' in " + DESCRIPTION);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> object(Object value, String where) throws ModelFormatException {
            if (value instanceof Map<?, ?>) {
                return (Map<String, Object>) value;
            }
            throw problem(DESCRIPTION + ": " + where + " must be a JSON object, got " + value);
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(Map<String, Object> map, String key, String where) throws ModelFormatException {
            Object value = map.get(key);
            if (value instanceof List<?>) {
                return (List<Object>) value;
            }
            throw problem(DESCRIPTION + ": " + where + " needs a list '" + key + "', got " + value);
        }

        private String text(Map<String, Object> map, String key, String where) throws ModelFormatException {
            Object value = map.get(key);
            if (value instanceof String string) {
                return string;
            }
            throw problem(DESCRIPTION + ": " + where + " needs a string '" + key + "', got " + value);
        }

        private long integer(Map<String, Object> map, String key, String where) throws ModelFormatException {
            Object value = map.get(key);
            if (value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            throw problem(DESCRIPTION + ": " + where + " needs an integer '" + key + "', got " + value);
        }

        private long[] shape(Object value, String where) throws ModelFormatException {
            if (value instanceof List<?> sizes) {
                long[] shape = new long[sizes.size()];
                for (int i = 0; i < shape.length; i++) {
                    if (!(sizes.get(i) instanceof Integer || sizes.get(i) instanceof Long)
                            || ((Number) sizes.get(i)).longValue() < 0) {
                        throw problem(DESCRIPTION + ": " + where + " has an invalid shape " + value);
                    }
                    shape[i] = ((Number) sizes.get(i)).longValue();
                }
                return shape;
            }
            throw problem(DESCRIPTION + ": " + where + " needs a shape list, got " + value);
        }
    }
}
