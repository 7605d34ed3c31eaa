package io.github.nn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BuiltInActivationTest {

    private static Activation make(BuiltInActivation row) {
        return row.setting().isPresent() ? row.create(0.25) : row.create();
    }

    @Test
    void everyFunctionIsNamedByItsRowAndParsesBackFromItsName() {
        for (BuiltInActivation row : BuiltInActivation.values()) {
            Activation activation = make(row);
            String expected = row.typeName() + (row.setting().isPresent() ? "(0.25)" : "");
            assertEquals(expected, activation.name());
            Activation parsed = BuiltInActivation.parse(activation.name()).orElseThrow();
            assertEquals(activation.name(), parsed.name());
            assertEquals(activation.value(-0.5), parsed.value(-0.5), 0, row.typeName());
        }
        assertEquals("leaky_relu(0.01)", Activation.leakyRelu(0.01).name());
        assertEquals("elu(1.0)", Activation.elu(1.0).name());
    }

    @Test
    void namesThatAreNotBuiltInParseToNothing() {
        assertEquals(Optional.empty(), BuiltInActivation.parse("swish"));
        assertEquals(Optional.empty(), BuiltInActivation.parse("relu(0.5)"));
        assertEquals(Optional.empty(), BuiltInActivation.parse("elu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuiltInActivation.parse("elu(one)"));
        assertTrue(e.getMessage().contains("'elu(one)'"), e.getMessage());
    }

    @Test
    void aSettingIsRequiredExactlyWhereTheRowHasOne() {
        assertEquals(Optional.of("slope"), BuiltInActivation.LEAKY_RELU.setting());
        assertEquals(Optional.of("alpha"), BuiltInActivation.ELU.setting());
        assertThrows(IllegalArgumentException.class, BuiltInActivation.LEAKY_RELU::create);
        assertThrows(IllegalArgumentException.class, () -> BuiltInActivation.RELU.create(1.0));
        assertThrows(IllegalArgumentException.class, () -> BuiltInActivation.ELU.create(-1.0));
    }

    @Test
    void symbolsAreTheNotesNotationOrTheName() {
        assertEquals("σ", Activation.sigmoid().symbol());
        assertEquals("ReLU", Activation.relu().symbol());
        assertEquals("tanh", Activation.tanh().symbol());
        assertEquals("leaky_relu(0.01)", Activation.leakyRelu(0.01).symbol());
        Activation custom = new Activation() {
            public String name() {
                return "swish";
            }

            public void forward(INDArray input, INDArray output) {
            }

            public void backward(INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
            }

            public double value(double x) {
                return x;
            }

            public double derivative(double x) {
                return 1;
            }
        };
        assertEquals("swish", custom.symbol());
    }
}
