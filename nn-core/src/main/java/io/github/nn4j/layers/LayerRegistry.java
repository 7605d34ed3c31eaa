package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds layers from their {@link Layer#typeName() type name} and {@link Layer#config()
 * settings}, which is how a saved model file comes back to life.
 *
 * <p>Every nn4j layer is registered: {@code dense}, {@code relu}, {@code leaky_relu},
 * {@code elu}, {@code sigmoid}, {@code tanh}, {@code softplus}, {@code step}, {@code sign},
 * {@code identity}, {@code softmax}, {@code dropout}, and {@code activation} (a plain {@link ActivationLayer}
 * around one of the built-in {@link Activation}s; a custom {@code Activation} cannot be saved,
 * write a layer type for it instead). A layer type of your own is registered once, before loading:
 *
 * <pre>{@code
 * LayerRegistry.register("scale", settings -> new Scale(LayerRegistry.doubleSetting(settings, "factor")));
 * }</pre>
 */
public final class LayerRegistry {

    /** Builds a layer from its settings. */
    @FunctionalInterface
    public interface Factory {
        /**
         * Creates the layer.
         *
         * @param settings what {@link Layer#config()} returned when the layer was saved
         * @return a new, unbound layer
         * @throws IllegalArgumentException when a setting is missing or invalid
         */
        Layer create(Map<String, Object> settings);
    }

    private static final Map<String, Factory> FACTORIES = new ConcurrentHashMap<>();
    private static final Pattern PARAMETERIZED = Pattern.compile("(leaky_relu|elu)\\((.+)\\)");

    static {
        register("dense", s -> new Dense(intSetting(s, "in"), intSetting(s, "out")));
        register("relu", s -> new ReLU());
        register("leaky_relu", s -> new LeakyReLU(doubleSetting(s, "slope")));
        register("elu", s -> new ELU(doubleSetting(s, "alpha")));
        register("sigmoid", s -> new Sigmoid());
        register("tanh", s -> new Tanh());
        register("softplus", s -> new Softplus());
        register("step", s -> new Step());
        register("sign", s -> new Sign());
        register("identity", s -> new Identity());
        register("softmax", s -> new Softmax());
        register("dropout", s -> new Dropout(doubleSetting(s, "p")));
        register("activation", s -> new ActivationLayer(activationNamed(stringSetting(s, "activation"))));
    }

    private LayerRegistry() {
    }

    /**
     * Registers (or replaces) the factory for a layer type.
     *
     * @param type    the {@link Layer#typeName()} of the layers it builds, e.g. {@code "dropout"}
     * @param factory builds such a layer from its settings
     */
    public static void register(String type, Factory factory) {
        if (type == null || type.isBlank() || factory == null) {
            throw new IllegalArgumentException("register needs a type name and a factory, got '" + type + "'");
        }
        FACTORIES.put(type, factory);
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
        Layer layer = factory.create(settings);
        Set<String> unknown = new HashSet<>(settings.keySet());
        unknown.removeAll(layer.config().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("layer type '" + type + "' has no setting(s) " + new TreeSet<>(unknown)
                    + "; its settings are " + new TreeSet<>(layer.config().keySet()));
        }
        return layer;
    }

    /**
     * Reads an integer setting.
     *
     * @param settings the settings
     * @param key      the setting's name
     * @return its value
     * @throws IllegalArgumentException when it is missing or not an integer in int range
     */
    public static int intSetting(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (number == (int) number) {
                return (int) number;
            }
        }
        throw new IllegalArgumentException("setting '" + key + "' must be an integer, got " + describe(value));
    }

    /**
     * Reads a number setting.
     *
     * @param settings the settings
     * @param key      the setting's name
     * @return its value
     * @throws IllegalArgumentException when it is missing or not a number
     */
    public static double doubleSetting(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a number, got " + describe(value));
    }

    /**
     * Reads a text setting.
     *
     * @param settings the settings
     * @param key      the setting's name
     * @return its value
     * @throws IllegalArgumentException when it is missing or not a string
     */
    public static String stringSetting(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        if (value instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a string, got " + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "nothing (missing)" : value.getClass().getSimpleName() + " " + value;
    }

    /** The built-in activation with this {@link Activation#name()}, e.g. {@code sigmoid} or {@code elu(1.0)}. */
    private static Activation activationNamed(String name) {
        Matcher parameterized = PARAMETERIZED.matcher(name);
        if (parameterized.matches()) {
            double value;
            try {
                value = Double.parseDouble(parameterized.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation '" + name + "' has no valid number in parentheses");
            }
            return parameterized.group(1).equals("elu") ? Activation.elu(value) : Activation.leakyRelu(value);
        }
        return switch (name) {
            case "identity" -> Activation.identity();
            case "step" -> Activation.step();
            case "sign" -> Activation.sign();
            case "sigmoid" -> Activation.sigmoid();
            case "tanh" -> Activation.tanh();
            case "relu" -> Activation.relu();
            case "softplus" -> Activation.softplus();
            default -> throw new IllegalArgumentException("activation '" + name + "' is not a built-in activation, so an "
                    + "ActivationLayer around it cannot be rebuilt; give it a Layer type of its own and register it");
        };
    }
}
