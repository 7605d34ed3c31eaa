package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.base.Mode;
import io.github.nn4j.model.Sequential;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples in the class documentation of the {@code layers} package, run as written; each test
 * names the file and lines it checks.
 */
class LayersDocExamplesTest {

    @Test
    void aTwoThreeOneNetworkMapsOneExampleToOneOutput() {
        // Dense.java:28-29
        Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1));
        INDArray h = model.forward(Nd4j.create(new float[][] {{0, 1}}), Mode.EVAL);
        assertArrayEquals(new long[] {1, 1}, h.shape());
    }

    @Test
    void everyActivationLayerExampleBuildsATwoThreeOneNetwork() {
        // ELU.java:10, Identity.java:11, LeakyReLU.java:10, ReLU.java:11, Sigmoid.java:11, Sign.java:11,
        // Softplus.java:11, Step.java:12, Tanh.java:11
        for (Layer activation : List.<Layer>of(new ELU(1.0), new Identity(), new LeakyReLU(0.01), new ReLU(),
                new Sigmoid(), new Sign(), new Softplus(), new Step(), new Tanh())) {
            Sequential model = new Sequential(new Dense(2, 3), activation, new Dense(3, 1));
            assertArrayEquals(new long[] {1, 1}, model.predict(Nd4j.create(new float[][] {{0, 1}})).shape(),
                    activation.toString());
        }
    }

    @Test
    void theDropoutExampleMapsImagesToTenScores() {
        // Dropout.java:32
        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dropout(0.5), new Dense(256, 10));
        assertArrayEquals(new long[] {2, 10}, model.predict(Nd4j.zeros(2, 784)).shape());
    }

    @Test
    void theExampleFormulasAreDensesAndReadAsInTheNotes() {
        // LayerFormulas.java:27-29
        LayerFormulas formulas = LayerFormulas.opening("z{k}", "{in}·W{k} + b{k}", "{dout}·W{k}ᵀ")
                .withParameter("W", "W{k}", "{in}ᵀ·{dout}")
                .withParameter("b", "b{k}", "Σ_rows {dout}");
        assertEquals(new Dense(2, 3).formulas(), formulas);
        assertEquals("z1 = X·W1 + b1", LayerFormulas.fill(formulas.output() + " = " + formulas.forward(),
                1, "dense0", "X", "z1"));
        assertEquals("dL/dW1 = Xᵀ·dL/dz1", LayerFormulas.fill("dL/d" + formulas.parameters().get(0).symbol() + " = "
                + formulas.parameters().get(0).gradient(), 1, "dense0", "X", "z1"));
    }

    @Test
    void settingsAndNamesOfTheDocumentedLayers() {
        // Layer.java:38-39 (config) and ActivationLayer.java:48 (toString)
        assertEquals(Map.of("in", 784, "out", 256), new Dense(784, 256).config());
        assertEquals(Map.of("slope", 0.01), new LeakyReLU(0.01).config());
        assertEquals(Map.of(), new ReLU().config());
        assertEquals("LeakyReLU(0.01)", new LeakyReLU(0.01).toString());
    }

    @Test
    void theTableNamesTypesAndSettingsAndGivesTheNamedFormOfAnActivationLayer() {
        // LayerType.java:24-26
        assertEquals(Optional.of(LayerType.LEAKY_RELU), LayerType.named("leaky_relu"));
        assertEquals("Optional[LEAKY_RELU]", LayerType.named("leaky_relu").toString());
        assertEquals(List.of("slope"), LayerType.LEAKY_RELU.settings());
        assertEquals("ELU(0.5)", LayerType.namedForm(new ActivationLayer(Activation.elu(0.5))).toString());
    }
}
