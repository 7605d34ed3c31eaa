package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.activations.Activation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerRegistryTest {

    @Test
    void everyLayerRebuildsFromItsTypeNameAndConfig() {
        List<Layer> layers = List.of(new Dense(784, 256), new ReLU(), new LeakyReLU(0.01), new ELU(1.0), new Sigmoid(),
                new Tanh(), new Softplus(), new Step(), new Sign(), new Identity(), new Softmax(),
                new ActivationLayer(Activation.tanh()), new ActivationLayer(Activation.leakyRelu(0.3)));
        for (Layer layer : layers) {
            Layer rebuilt = LayerRegistry.create(layer.typeName(), layer.config());
            assertEquals(layer.getClass(), rebuilt.getClass(), layer.toString());
            assertEquals(layer.toString(), rebuilt.toString());
            assertEquals(layer.config(), rebuilt.config());
        }
        assertEquals(Map.of("in", 784, "out", 256), new Dense(784, 256).config());
        assertEquals(Map.of("slope", 0.01), new LeakyReLU(0.01).config());
        assertEquals(Map.of(), new ReLU().config());
    }

    @Test
    void unknownTypesAndBadSettingsAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.create("no_such_layer", Map.of()));
        assertTrue(unknown.getMessage().contains("unknown layer type 'no_such_layer'") && unknown.getMessage()
                .contains("dense"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.create("dense", Map.of("in", 3)));
        assertEquals("layer type 'dense' needs an integer 'out', got nothing (it has [in])", missing.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.create("dense", Map.of("in", 3, "out", 2.5)));
        assertEquals("layer type 'dense' needs an integer 'out', got 2.5", fraction.getMessage());
        IllegalArgumentException custom = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.create("activation", Map.of("activation", "swish")));
        assertTrue(custom.getMessage().contains("'swish' is not a built-in activation"), custom.getMessage());
    }

    @Test
    void registryIsOpenForNewLayerTypes() {
        LayerRegistry.register("test_scale", settings -> new ActivationLayer(Activation.identity()) {
            @Override
            public String typeName() {
                return "test_scale";
            }
        });
        assertTrue(LayerRegistry.isRegistered("test_scale"));
        assertTrue(LayerRegistry.types().contains("test_scale"));
        assertInstanceOf(ActivationLayer.class, LayerRegistry.create("test_scale", Map.of()));
    }

    @Test
    void registeringATakenTypeIsAnErrorUnlessReplacingIsAsked() {
        IllegalArgumentException builtIn = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.register("dense", settings -> new ReLU()));
        assertEquals("layer type 'dense' is registered already (a built-in type); call LayerRegistry.replace to "
                + "replace its factory", builtIn.getMessage());
        assertInstanceOf(Dense.class, LayerRegistry.create("dense", Map.of("in", 2, "out", 3)));

        LayerRegistry.register("test_twice", settings -> new Tanh());
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.register("test_twice", settings -> new Sigmoid()));
        assertEquals("layer type 'test_twice' is registered already; call LayerRegistry.replace to replace its "
                + "factory", again.getMessage());
        assertInstanceOf(Tanh.class, LayerRegistry.create("test_twice", Map.of()));
        LayerRegistry.replace("test_twice", settings -> new Sigmoid());
        assertInstanceOf(Sigmoid.class, LayerRegistry.create("test_twice", Map.of()));
        LayerRegistry.replace("test_replaced_new", settings -> new Identity());
        assertInstanceOf(Identity.class, LayerRegistry.create("test_replaced_new", Map.of()));
    }

    @Test
    void aBuiltInTypeIsReplacedOnlyWhenAsked() {
        try {
            LayerRegistry.replace("softplus", settings -> new Tanh());
            assertEquals(Tanh.class, LayerRegistry.create("softplus", Map.of()).getClass());
        } finally {
            LayerRegistry.replace("softplus", LayerType.SOFTPLUS::create);
        }
        assertEquals(Softplus.class, LayerRegistry.create("softplus", Map.of()).getClass());
    }

    @Test
    void aTypeNeedsANameAndAFactory() {
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.register(" ", settings -> new ReLU()));
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.replace("test_no_factory", null));
        assertFalse(LayerRegistry.isRegistered("test_no_factory"));
    }
}
