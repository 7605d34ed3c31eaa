package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.activations.BuiltInActivation;
import java.util.function.DoubleFunction;

/**
 * Every built-in layer type, one row each: the type name that identifies it in saved models and
 * names its parameters ({@code dense0.W}), and how it is rebuilt from its settings. The rows of
 * the activation layers take their names and settings from {@link BuiltInActivation}.
 * {@link LayerRegistry} registers every row; each layer's {@link Layer#typeName()} is its row's.
 */
enum LayerType {

    DENSE("dense", s -> new Dense(LayerRegistry.intSetting(s, "in"), LayerRegistry.intSetting(s, "out"))),
    DROPOUT("dropout", s -> new Dropout(LayerRegistry.doubleSetting(s, "p"))),
    SOFTMAX("softmax", s -> new Softmax()),
    /** A plain {@link ActivationLayer} around a built-in activation, named by setting {@code activation}. */
    ACTIVATION("activation", s -> new ActivationLayer(builtIn(LayerRegistry.stringSetting(s, "activation")))),
    IDENTITY(BuiltInActivation.IDENTITY, value -> new Identity()),
    STEP(BuiltInActivation.STEP, value -> new Step()),
    SIGN(BuiltInActivation.SIGN, value -> new Sign()),
    SIGMOID(BuiltInActivation.SIGMOID, value -> new Sigmoid()),
    TANH(BuiltInActivation.TANH, value -> new Tanh()),
    RELU(BuiltInActivation.RELU, value -> new ReLU()),
    LEAKY_RELU(BuiltInActivation.LEAKY_RELU, LeakyReLU::new),
    ELU(BuiltInActivation.ELU, ELU::new),
    SOFTPLUS(BuiltInActivation.SOFTPLUS, value -> new Softplus());

    private final String typeName;
    private final LayerRegistry.Factory factory;

    LayerType(String typeName, LayerRegistry.Factory factory) {
        this.typeName = typeName;
        this.factory = factory;
    }

    /** An activation layer's row: the activation's name, and its one setting if it has one. */
    LayerType(BuiltInActivation activation, DoubleFunction<Layer> constructor) {
        this(activation.typeName(), settings -> constructor.apply(activation.setting()
                .map(name -> LayerRegistry.doubleSetting(settings, name)).orElse(0.0)));
    }

    /** The type name, e.g. {@code dense}. */
    String typeName() {
        return typeName;
    }

    /** The factory that rebuilds a layer of this type from its settings. */
    LayerRegistry.Factory factory() {
        return factory;
    }

    private static Activation builtIn(String name) {
        return BuiltInActivation.parse(name).orElseThrow(() -> new IllegalArgumentException("activation '" + name
                + "' is not a built-in activation, so an ActivationLayer around it cannot be rebuilt; give it a Layer "
                + "type of its own and register it"));
    }
}
