package io.github.nn4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The names and symbols of the built-in functions; how names are read back is in {@code layers.LayerTypeTest}. */
class ActivationNamesTest {

    @Test
    void aFunctionIsNamedByItsLayerTypeWithItsSettingInParentheses() {
        List<Activation> plain = List.of(Activation.identity(), Activation.step(), Activation.sign(),
                Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.softplus());
        assertEquals(List.of("identity", "step", "sign", "sigmoid", "tanh", "relu", "softplus"),
                plain.stream().map(Activation::name).toList());
        assertEquals("leaky_relu(0.01)", Activation.leakyRelu(0.01).name());
        assertEquals("leaky_relu(0.25)", Activation.leakyRelu(0.25).name());
        assertEquals("elu(1.0)", Activation.elu(1.0).name());
        assertEquals("elu(0.25)", Activation.elu(0.25).name());
    }

    @Test
    void aSettingOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(1.0));
        assertThrows(IllegalArgumentException.class, () -> Activation.elu(-1.0));
        assertThrows(IllegalArgumentException.class, () -> Activation.elu(Double.POSITIVE_INFINITY));
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
