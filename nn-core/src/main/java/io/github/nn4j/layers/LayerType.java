package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.io.JsonFields;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * Every built-in layer type, one row each: the type name that identifies it in model files and
 * names its parameters ({@code dense0.W}), the names of its settings ({@link Layer#config()}),
 * and how it is rebuilt from them. {@link LayerRegistry} starts with every row, so model files and
 * the Spark executors rebuild layers by it; the ONNX export writes each row in its ONNX form.
 *
 * <p>The rows from {@link #IDENTITY} on apply a built-in {@link Activation}, whose name is the
 * row's type name with the setting, if any, in parentheses: {@code relu}, {@code leaky_relu(0.01)}.
 * A plain {@link ActivationLayer} around one of them is saved as type {@code activation} with that
 * name as its setting; {@link #namedForm} turns it into the named layer.
 *
 * <pre>{@code
 * LayerType.named("leaky_relu");                        // Optional[LEAKY_RELU]
 * LayerType.LEAKY_RELU.settings();                      // [slope]
 * LayerType.namedForm(new ActivationLayer(Activation.elu(0.5)));   // ELU(0.5)
 * }</pre>
 */
public enum LayerType {

    /** {@link Dense}, settings {@code in} and {@code out}. */
    DENSE("dense", s -> new Dense(s.intValue("in"), s.intValue("out")), "in", "out"),
    /** {@link Dropout}, setting {@code p}. */
    DROPOUT("dropout", s -> new Dropout(s.number("p")), "p"),
    /** {@link Softmax}. */
    SOFTMAX("softmax", s -> new Softmax()),
    /** {@link LogSoftmax}. */
    LOG_SOFTMAX("log_softmax", s -> new LogSoftmax()),
    /** {@link BatchNorm}, settings {@code features}, {@code eps} and {@code momentum}. */
    BATCH_NORM("batch_norm", s -> new BatchNorm(s.intValue("features"), s.number("eps"), s.number("momentum")),
            "features", "eps", "momentum"),
    /** {@link LayerNorm}, settings {@code features} and {@code eps}. */
    LAYER_NORM("layer_norm", s -> new LayerNorm(s.intValue("features"), s.number("eps")), "features", "eps"),
    /** A plain {@link ActivationLayer}; setting {@code activation}, the name of a built-in function. */
    ACTIVATION("activation", s -> new ActivationLayer(function(s.text("activation"))), "activation"),
    /** {@link Identity}. */
    IDENTITY("identity", Identity::new),
    /** {@link Step}. */
    STEP("step", Step::new),
    /** {@link Sign}. */
    SIGN("sign", Sign::new),
    /** {@link Sigmoid}. */
    SIGMOID("sigmoid", Sigmoid::new),
    /** {@link Tanh}. */
    TANH("tanh", Tanh::new),
    /** {@link ReLU}. */
    RELU("relu", ReLU::new),
    /** {@link LeakyReLU}, setting {@code slope}. */
    LEAKY_RELU("leaky_relu", "slope", LeakyReLU::new),
    /** {@link ELU}, setting {@code alpha}. */
    ELU("elu", "alpha", ELU::new),
    /** {@link Softplus}. */
    SOFTPLUS("softplus", Softplus::new);

    private final String typeName;
    private final LayerRegistry.Factory factory;
    private final List<String> settings;
    private final boolean appliesFunction;

    LayerType(String typeName, LayerRegistry.Factory factory, String... settings) {
        this(typeName, factory, false, settings);
    }

    /** A row of a built-in function without a setting. */
    LayerType(String typeName, Supplier<ActivationLayer> constructor) {
        this(typeName, s -> constructor.get(), true);
    }

    /** A row of a built-in function with one setting. */
    LayerType(String typeName, String setting, DoubleFunction<ActivationLayer> constructor) {
        this(typeName, s -> constructor.apply(s.number(setting)), true, setting);
    }

    LayerType(String typeName, LayerRegistry.Factory factory, boolean appliesFunction, String... settings) {
        this.typeName = typeName;
        this.factory = factory;
        this.appliesFunction = appliesFunction;
        this.settings = List.of(settings);
    }

    /** The type name, e.g. {@code dense}: {@link Layer#typeName()} of this type's layers. */
    public String typeName() {
        return typeName;
    }

    /** The names of the settings, in the constructor's order: the keys of {@link Layer#config()}. */
    public List<String> settings() {
        return settings;
    }

    /**
     * The built-in type of a name.
     *
     * @param typeName a type name, e.g. {@code dropout}
     * @return the row, or empty when no built-in type has that name
     */
    public static Optional<LayerType> named(String typeName) {
        return Arrays.stream(values()).filter(type -> type.typeName.equals(typeName)).findFirst();
    }

    /**
     * The layer in the form that names its function: for a plain {@link ActivationLayer} around a
     * built-in function (type {@code activation}), a new layer of that function's own type, which
     * computes the same; any other layer as it is. For writers that give both forms one, such as
     * the ONNX export.
     *
     * @param layer a layer
     * @return the named layer ({@code ELU(0.5)} for {@code new ActivationLayer(Activation.elu(0.5))}), or {@code layer}
     */
    public static Layer namedForm(Layer layer) {
        Object function = layer.config().get(ACTIVATION.settings.get(0));
        if (layer.typeName().equals(ACTIVATION.typeName) && function instanceof String name) {
            return layerApplying(name).map(Layer.class::cast).orElse(layer);
        }
        return layer;
    }

    /** Builds a layer of this type from its settings. */
    Layer create(JsonFields settings) {
        return factory.create(settings);
    }

    /** The settings of a layer of this one-setting type with {@code value}, e.g. {@code {"slope": 0.01}}. */
    Map<String, Object> settingWith(Object value) {
        if (settings.size() != 1) {
            throw new IllegalStateException(typeName + " has settings " + settings + ", not one");
        }
        return Map.of(settings.get(0), value);
    }

    /**
     * The named layer of the built-in function called {@code name}, as {@link Activation#name()}
     * writes it ({@code sigmoid}, {@code elu(1.0)}), or empty when no built-in function has that name.
     *
     * @throws IllegalArgumentException when the name is a built-in one with a setting that is not a valid number
     */
    private static Optional<ActivationLayer> layerApplying(String name) {
        int open = name.indexOf('(');
        Optional<LayerType> row = named(open < 0 ? name : name.substring(0, open)).filter(type -> type.appliesFunction);
        if (row.isEmpty() || row.get().settings.isEmpty() != (open < 0) || open >= 0 && !name.endsWith(")")) {
            return Optional.empty();
        }
        Map<String, Object> settings = Map.of();
        if (open >= 0) {
            try {
                settings = row.get().settingWith(Double.parseDouble(name.substring(open + 1, name.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation '" + name + "' has no valid number in parentheses");
            }
        }
        return Optional.of((ActivationLayer) row.get().create(new JsonFields("activation '" + name + "'", settings)));
    }

    private static Activation function(String name) {
        return layerApplying(name).map(ActivationLayer::activation).orElseThrow(() -> new IllegalArgumentException(
                "activation '" + name + "' is not a built-in activation, so an ActivationLayer around it cannot be "
                + "rebuilt; give it a Layer type of its own and register it"));
    }
}
