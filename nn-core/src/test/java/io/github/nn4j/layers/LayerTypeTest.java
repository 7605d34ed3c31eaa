package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.io.JsonFields;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LayerTypeTest {

    /** The rows of the built-in activation functions. */
    private static final EnumSet<LayerType> FUNCTIONS = EnumSet.range(LayerType.IDENTITY, LayerType.SOFTPLUS);

    private static Map<String, Object> settingsOf(LayerType type, double value) {
        return type.settings().isEmpty() ? Map.of() : Map.of(type.settings().get(0), value);
    }

    private static Layer activationLayer(String functionName) {
        return LayerRegistry.create("activation", Map.of("activation", functionName));
    }

    @Test
    void everyBuiltInLayerTypeIsRegisteredAndBuildsLayersOfItsOwnNameWithItsSettings() {
        Map<String, Object> settings = new HashMap<>(Map.of("in", 2, "out", 3, "p", 0.5, "slope", 0.1, "alpha", 1.0,
                "features", 4, "eps", 1e-5, "momentum", 0.1));
        settings.put("activation", "tanh");
        for (LayerType type : LayerType.values()) {
            assertTrue(LayerRegistry.isRegistered(type.typeName()), type.typeName());
            Layer layer = type.create(new JsonFields("test", settings));
            assertEquals(type.typeName(), layer.typeName(), type.name());
            assertEquals(Set.copyOf(type.settings()), layer.config().keySet(), type.name());
            assertEquals(Optional.of(type), LayerType.named(type.typeName()));
        }
        assertEquals(List.of("in", "out"), LayerType.DENSE.settings());
        assertEquals(Optional.empty(), LayerType.named("no_such_layer"));
    }

    @Test
    void everyFunctionIsNamedByItsRowAndParsesBackFromItsName() {
        for (LayerType row : FUNCTIONS) {
            ActivationLayer layer = (ActivationLayer) LayerRegistry.create(row.typeName(), settingsOf(row, 0.25));
            Activation activation = layer.activation();
            String expected = row.typeName() + (row.settings().isEmpty() ? "" : "(0.25)");
            assertEquals(expected, activation.name());
            Activation parsed = ((ActivationLayer) activationLayer(activation.name())).activation();
            assertEquals(activation.name(), parsed.name());
            assertEquals(activation.value(-0.5), parsed.value(-0.5), 0, row.typeName());
        }
        assertEquals("leaky_relu(0.01)", Activation.leakyRelu(0.01).name());
        assertEquals("elu(1.0)", Activation.elu(1.0).name());
    }

    @Test
    void namesThatAreNotBuiltInFunctionsAreRefusedNamingThem() {
        for (String name : List.of("swish", "relu(0.5)", "elu", "dense", "activation", "dropout(0.5)")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> activationLayer(name));
            assertTrue(e.getMessage().contains("'" + name + "' is not a built-in activation"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> activationLayer("elu(one)"));
        assertTrue(e.getMessage().contains("'elu(one)'"), e.getMessage());
    }

    @Test
    void aSettingIsRequiredExactlyWhereTheRowHasOne() {
        assertEquals(List.of("slope"), LayerType.LEAKY_RELU.settings());
        assertEquals(List.of("alpha"), LayerType.ELU.settings());
        assertEquals(List.of(), LayerType.RELU.settings());
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.create("leaky_relu", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.create("relu", Map.of("slope", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.create("elu", Map.of("alpha", -1.0)));
    }

    @Test
    void theNamedFormOfAPlainActivationLayerIsTheLayerOfItsFunction() {
        Layer elu = LayerType.namedForm(new ActivationLayer(Activation.elu(0.5)));
        assertInstanceOf(ELU.class, elu);
        assertEquals(0.5, ((ELU) elu).alpha());
        assertEquals("leaky_relu", LayerType.namedForm(new ActivationLayer(Activation.leakyRelu(0.2))).typeName());
        assertEquals(Map.of("slope", 0.2), LayerType.namedForm(new ActivationLayer(Activation.leakyRelu(0.2))).config());
        assertInstanceOf(Sigmoid.class, LayerType.namedForm(new ActivationLayer(Activation.sigmoid())));
        for (Layer unchanged : List.of(new ReLU(), new Dense(2, 3), new ActivationLayer(new Cube()))) {
            assertSame(unchanged, LayerType.namedForm(unchanged));
        }
    }

    /** A function that is not built in. */
    private static final class Cube implements Activation {
        public String name() {
            return "cube";
        }

        public void forward(INDArray input, INDArray output) {
        }

        public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
        }

        public double value(double x) {
            return x * x * x;
        }

        public double derivative(double x) {
            return 3 * x * x;
        }
    }
}
