package io.github.nn4j.persist;

import static io.github.nn4j.persist.ModelFile.DESCRIPTION;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.JsonFields;
import io.github.nn4j.io.Npy;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerRegistry;
import io.github.nn4j.model.ParameterLayout;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rebuilds a {@link SavedModel} from an open model file, checking each thing it relies on: the
 * format and version, the layers, the parameter list against the layers, and every array entry
 * against the description. Any problem becomes a {@link ModelFormatException} naming the file.
 */
final class ModelReader {

    private final Path file;
    private final ModelArchive archive;

    ModelReader(Path file, ModelArchive archive) {
        this.file = file;
        this.archive = archive;
    }

    private ModelFormatException problem(String text) {
        return new ModelFormatException(file, text);
    }

    SavedModel read() throws IOException {
        JsonFields root = description();
        try {
            return read(root);
        } catch (IllegalArgumentException e) {   // a field missing or of the wrong kind
            throw new ModelFormatException(file, e.getMessage(), e);
        }
    }

    private JsonFields description() throws IOException {
        byte[] bytes = archive.description();
        try {
            return ModelDescription.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file, DESCRIPTION + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private SavedModel read(JsonFields root) throws IOException {
        Object format = root.values().get("format");
        if (!ModelFile.FORMAT.equals(format)) {
            throw problem("not an nn4j model file: " + DESCRIPTION + " declares format '" + format
                    + "', expected '" + ModelFile.FORMAT + "'");
        }
        long version = root.integer("version");
        if (version > ModelFile.VERSION) {
            throw problem("format version " + version + " is newer than this nn4j reads (up to " + ModelFile.VERSION
                    + "); upgrade nn4j to load it");
        }
        if (version < 1) {
            throw problem("invalid format version " + version);
        }
        DataType dataType = dataType(root.text("dataType"));
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw problem("models are float32 or float64, but " + DESCRIPTION + " says " + Npy.typeName(dataType));
        }
        List<Object> describedLayers = root.list("layers");
        List<Layer> layers = layers(describedLayers);
        List<JsonFields> parameters = parameterEntries(root.list("parameters"));
        List<JsonFields> states = parameterEntries(root.values().containsKey(ModelDescription.STATE)
                ? root.list(ModelDescription.STATE) : List.of());
        // Both checked before anything of the declared sizes is allocated.
        requireBacked(layout(layers, true), parameters, "parameters", dataType);
        requireBacked(layout(layers, false), states, ModelDescription.STATE, dataType);
        Sequential model = model(layers, describedLayers);
        model.init(Initializer.zeros(), 0L, dataType);
        for (Parameter parameter : model.parameters()) {
            parameter.value().assign(archive.array(parameter.name() + ".npy", parameter.value().shape(), dataType));
        }
        for (Parameter state : model.states()) {
            state.value().assign(archive.array(state.name() + ".npy", state.value().shape(), dataType));
        }
        if (root.values().containsKey("seed")) {
            model.reseed(root.integer("seed"));
        }
        Map<String, Section> sections = new LinkedHashMap<>();
        JsonFields described = root.optionalObject("sections");
        for (String key : described.values().keySet()) {
            sections.put(key, section(key, described.object(key)));
        }
        return new SavedModel(model, sections);
    }

    private List<Layer> layers(List<Object> described) throws ModelFormatException {
        if (described.isEmpty()) {
            throw problem(DESCRIPTION + " lists no layers");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < described.size(); i++) {
            JsonFields entry = layerEntry(described, i);
            String type = entry.text("type");
            Map<String, Object> settings = entry.optionalObject("settings").values();
            try {
                layers.add(LayerRegistry.create(type, settings));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "layer " + i + " (" + type + " " + settings + "): "
                        + e.getMessage(), e);
            }
        }
        return layers;
    }

    /** The trained parameters' or the state's shapes, after checking (allocating nothing) that the layers fit. */
    private Map<String, long[]> layout(List<Layer> layers, boolean trained) throws ModelFormatException {
        try {
            return trained ? ParameterLayout.of(layers) : ParameterLayout.states(layers);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "the layers in " + DESCRIPTION + " do not fit together: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks, allocating nothing, that the description lists the parameters (or state entries)
     * the layers declare with their shapes, and that each entry holds that shape and type.
     */
    private void requireBacked(Map<String, long[]> declared, List<JsonFields> described, String what,
            DataType dataType) throws IOException {
        List<String> listed = described.stream().map(entry -> entry.text("name")).toList();
        if (!listed.equals(List.copyOf(declared.keySet()))) {
            throw problem(DESCRIPTION + " lists " + what + " " + listed + ", but its layers declare "
                    + declared.keySet());
        }
        for (int i = 0; i < described.size(); i++) {
            String name = listed.get(i);
            long[] shape = shape(described.get(i), name);
            if (!Arrays.equals(shape, declared.get(name))) {
                throw problem(DESCRIPTION + " gives " + name + " the shape " + Arrays.toString(shape)
                        + ", but its layers declare " + Arrays.toString(declared.get(name)));
            }
            archive.requireArray(name + ".npy", shape, dataType);
        }
    }

    private Sequential model(List<Layer> layers, List<Object> described) throws ModelFormatException {
        Sequential model;
        try {
            model = new Sequential(layers);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "the layers in " + DESCRIPTION + " do not fit together: "
                    + e.getMessage(), e);
        }
        for (int i = 0; i < described.size(); i++) {
            Object name = layerEntry(described, i).values().get("name");
            if (name != null && !name.equals(model.layerName(i))) {
                throw problem("layer " + i + " is named '" + name + "' in " + DESCRIPTION + ", but rebuilt as '"
                        + model.layerName(i) + "'");
            }
        }
        return model;
    }

    private static JsonFields layerEntry(List<Object> described, int index) {
        return JsonFields.of(described.get(index), DESCRIPTION + ": layer " + index);
    }

    private static List<JsonFields> parameterEntries(List<Object> described) {
        List<JsonFields> entries = new ArrayList<>();
        for (int i = 0; i < described.size(); i++) {
            entries.add(JsonFields.of(described.get(i), DESCRIPTION + ": parameter " + i));
        }
        return entries;
    }

    private Section section(String key, JsonFields described) throws IOException {
        String where = DESCRIPTION + ": section '" + key + "'";
        String type = described.text("type");
        Map<String, Object> settings = described.optionalObject("settings").values();
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Object item : described.list("arrays")) {
            JsonFields array = JsonFields.of(item, where + " array");
            String name = array.text("name");
            String entry = key + "/" + name + ".npy";
            arrays.put(name, archive.array(entry, shape(array, entry), dataType(array.text("dataType"))));
        }
        try {
            return new Section(type, settings, arrays);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "section '" + key + "': " + e.getMessage(), e);
        }
    }

    private DataType dataType(String name) throws ModelFormatException {
        DataType type = Npy.dataTypeNamed(name);
        if (type != null) {
            return type;
        }
        throw problem("unknown data type '" + name + "' in " + DESCRIPTION);
    }

    /** The {@code "shape"} field of {@code entry}: a list of sizes, each a non-negative integer. */
    private long[] shape(JsonFields entry, String what) throws ModelFormatException {
        List<Object> sizes = entry.list("shape");
        long[] shape = new long[sizes.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(sizes.get(i) instanceof Integer || sizes.get(i) instanceof Long)
                    || ((Number) sizes.get(i)).longValue() < 0) {
                throw problem(DESCRIPTION + ": " + what + " has an invalid shape " + sizes);
            }
            shape[i] = ((Number) sizes.get(i)).longValue();
        }
        return shape;
    }
}
