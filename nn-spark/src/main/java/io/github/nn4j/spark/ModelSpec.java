package io.github.nn4j.spark;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerRegistry;
import io.github.nn4j.model.Sequential;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model's architecture in serializable form: each layer's type name and settings, as the model
 * file stores them, and the data type. An executor rebuilds the model from it once per training
 * run (through {@link LayerRegistry}) and receives only the weights afterwards. A layer type of
 * your own must be registered in the executors' JVMs too: {@link SparkSetup#customLayers}.
 */
final class ModelSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> types = new ArrayList<>();
    private final List<LinkedHashMap<String, Object>> settings = new ArrayList<>();
    private final boolean doublePrecision;

    private ModelSpec(Sequential model) {
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            LinkedHashMap<String, Object> config = new LinkedHashMap<>(layer.config());
            requireRebuildable(i, layer, config);
            types.add(layer.typeName());
            settings.add(config);
        }
        this.doublePrecision = model.dataType() == DataType.DOUBLE;
    }

    /**
     * The architecture of {@code model}.
     *
     * @throws IllegalArgumentException naming the layer when one cannot be rebuilt from its settings
     */
    static ModelSpec of(Sequential model) {
        return new ModelSpec(model);
    }

    /** A new model of this architecture and data type; its weights are zeros until copied in. */
    Sequential build() {
        List<Layer> layers = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            if (!LayerRegistry.isRegistered(types.get(i))) {
                throw new IllegalArgumentException("layer " + i + " is of type '" + types.get(i) + "', which is not "
                        + "registered in this JVM; register layer types of your own in every executor with "
                        + "SparkSetup.customLayers(conf, YourLayers.class) before the context starts");
            }
            layers.add(LayerRegistry.create(types.get(i), settings.get(i)));
        }
        return new Sequential(layers).init(Initializer.zeros(), 0, dataType());
    }

    /** FLOAT or DOUBLE. */
    DataType dataType() {
        return doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
    }

    private static void requireRebuildable(int index, Layer layer, Map<String, Object> config) {
        String problem;
        try {
            Layer rebuilt = LayerRegistry.create(layer.typeName(), config);
            if (rebuilt.getClass() == layer.getClass() && rebuilt.toString().equals(layer.toString())) {
                for (Object value : config.values()) {
                    if (!(value instanceof Serializable)) {
                        throw new IllegalArgumentException("setting " + value + " is not serializable");
                    }
                }
                return;
            }
            problem = "it would be rebuilt as " + rebuilt + "; its config() must return every setting";
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        throw new IllegalArgumentException("layer " + index + " " + layer + " cannot be sent to Spark's executors: "
                + problem + " (executors rebuild each layer from typeName() and config() with LayerRegistry)");
    }
}
