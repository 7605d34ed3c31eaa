package io.github.nn4j.layers;

import io.github.nn4j.io.JsonFields;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds layers from their {@link Layer#typeName() type name} and {@link Layer#config()
 * settings}, which is how a saved model file comes back to life.
 *
 * <p>Every built-in layer type is registered ({@link LayerType} lists them), including
 * {@code activation}: a plain {@link ActivationLayer} around one of the built-in activations (a
 * custom {@code Activation} cannot be saved; write a layer type for it instead). A layer type of
 * your own is registered once per JVM, before loading; registering a name that is taken (a
 * built-in type, or one registered before) is an error, and {@link #replace} says that replacing
 * it is meant:
 *
 * <pre>{@code
 * LayerRegistry.register("scale", settings -> new Scale(settings.number("factor")));
 * LayerRegistry.replace("scale", settings -> new Scale(settings.number("factor")));  // where it may run twice
 * }</pre>
 */
public final class LayerRegistry {

    /** Builds a layer from its settings. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Creates the layer.
         *
         * @param settings what {@link Layer#config()} returned when the layer was saved, with typed
         *                 access whose errors name the layer type and the setting
         * @return a new, unbound layer
         * @throws IllegalArgumentException when a setting is missing or invalid
         */
        Layer create(JsonFields settings);
    }

    private static final Map<String, Factory> FACTORIES = new ConcurrentHashMap<>();

    static {
        for (LayerType type : LayerType.values()) {
            FACTORIES.put(type.typeName(), type::create);
        }
    }

    private LayerRegistry() {
    }

    /**
     * Registers the factory for a new layer type.
     *
     * @param type    the {@link Layer#typeName()} of the layers it builds, e.g. {@code "scale"}
     * @param factory builds such a layer from its settings
     * @throws IllegalArgumentException when the type name is blank, or a factory is registered for it
     *                                  already (a built-in type, or one registered before); to
     *                                  replace it, call {@link #replace}
     */
    public static void register(String type, Factory factory) {
        requireNamed(type, factory);
        if (FACTORIES.putIfAbsent(type, factory) != null) {
            throw new IllegalArgumentException("layer type '" + type + "' is registered already"
                    + (LayerType.named(type).isPresent() ? " (a built-in type)" : "")
                    + "; call LayerRegistry.replace to replace its factory");
        }
    }

    /**
     * Registers the factory for a layer type, replacing the one registered for it before, if any,
     * built-in types included. For code that may run twice in one JVM (a Spark executor in local
     * mode shares the driver's JVM) and for deliberate replacements.
     *
     * @param type    the {@link Layer#typeName()} of the layers it builds
     * @param factory builds such a layer from its settings
     * @throws IllegalArgumentException when the type name is blank
     */
    public static void replace(String type, Factory factory) {
        requireNamed(type, factory);
        FACTORIES.put(type, factory);
    }

    private static void requireNamed(String type, Factory factory) {
        if (type == null || type.isBlank() || factory == null) {
            throw new IllegalArgumentException("a layer type needs a name and a factory, got '" + type + "'");
        }
    }

    /**
     * Whether layers of {@code type} can be rebuilt.
     *
     * @param type a type name
     * @return whether a factory is registered
     */
    public static boolean isRegistered(String type) {
        return FACTORIES.containsKey(type);
    }

    /** The registered type names, sorted. */
    public static Set<String> types() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    /**
     * A new, unbound layer equal to {@code layer}: rebuilt from its type name and settings, as a
     * model file rebuilds it, and checked to come back the same.
     *
     * @param layer a layer of a registered type whose {@link Layer#config()} returns every setting
     * @return the copy
     * @throws IllegalArgumentException naming the layer when its type is not registered or it does
     *                                  not come back the same from its settings
     */
    public static Layer copy(Layer layer) {
        Layer copy = create(layer.typeName(), layer.config());
        if (copy.getClass() != layer.getClass() || !copy.config().equals(layer.config())
                || !copy.toString().equals(layer.toString())) {
            throw new IllegalArgumentException(layer + " of type '" + layer.typeName() + "' comes back from its "
                    + "settings " + layer.config() + " as " + copy + " (" + copy.getClass().getSimpleName()
                    + "); its config() must return every setting");
        }
        return copy;
    }

    /**
     * Builds a layer of {@code type} from {@code settings}.
     *
     * @param type     the type name
     * @param settings the settings, as {@link Layer#config()} returns them
     * @return a new, unbound layer
     * @throws IllegalArgumentException naming the type and the problem when the type is unknown,
     *                                  a setting is missing or invalid, or a setting is not one the layer has
     */
    public static Layer create(String type, Map<String, Object> settings) {
        Factory factory = FACTORIES.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'; registered types are " + types()
                    + " (register others with LayerRegistry.register)");
        }
        Layer layer = factory.create(new JsonFields("layer type '" + type + "'", settings));
        Set<String> unknown = new HashSet<>(settings.keySet());
        unknown.removeAll(layer.config().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("layer type '" + type + "' has no setting(s) " + new TreeSet<>(unknown)
                    + "; its settings are " + new TreeSet<>(layer.config().keySet()));
        }
        return layer;
    }
}
