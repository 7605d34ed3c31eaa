package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.activations.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerFormulasTest {

    private static String fill(String template) {
        return LayerFormulas.fill(template, 2, "dense1", "h1", "z2");
    }

    @Test
    void everyPlaceholderIsFilledInOnce() {
        assertEquals("h1·W2 + b2", fill("{in}·W{k} + b{k}"));
        assertEquals("dL/dz2·W2ᵀ", fill("{dout}·W{k}ᵀ"));
        assertEquals("dense1(z2)", fill("{layer}({out})"));
        // A filled-in symbol that looks like a placeholder is not filled in again.
        assertEquals("{k}·W2", LayerFormulas.fill("{in}·W{k}", 2, "dense1", "{k}", "z2"));
        assertEquals("{unknown}", fill("{unknown}"));
        assertTrue(LayerFormulas.usesStage("h{k}"));
        assertFalse(LayerFormulas.usesStage("{layer}"));
    }

    @Test
    void denseOpensAStageAndWritesTheNotesFormulas() {
        LayerFormulas dense = new Dense(3, 2).formulas();
        assertTrue(dense.opensStage());
        assertEquals("z2 = h1·W2 + b2", fill(dense.output()) + " = " + fill(dense.forward()));
        assertEquals("dL/dz2·W2ᵀ", fill(dense.inputGradient()));
        assertEquals(List.of("W", "b"), dense.parameters().stream().map(LayerFormulas.ParameterFormula::name).toList());
        assertEquals("W2", fill(dense.parameters().get(0).symbol()));
        assertEquals("h1ᵀ·dL/dz2", fill(dense.parameters().get(0).gradient()));
        assertEquals("Σ_rows dL/dz2", fill(dense.parameters().get(1).gradient()));
    }

    @Test
    void anActivationLayerContinuesTheStageWithItsFunctionsSymbol() {
        LayerFormulas sigmoid = new Sigmoid().formulas();
        assertFalse(sigmoid.opensStage());
        assertEquals("h2", fill(sigmoid.output()));
        assertEquals("σ(h1)", fill(sigmoid.forward()));
        assertEquals("dL/dz2 ⊙ σ'(h1)", fill(sigmoid.inputGradient()));
        assertEquals("leaky_relu(0.2)(h1)", fill(new ActivationLayer(Activation.leakyRelu(0.2)).formulas().forward()));
    }

    @Test
    void aLayerThatDescribesNothingIsNamedAfterItself() {
        LayerFormulas dropout = new Dropout(0.5).formulas();
        assertEquals(LayerFormulas.generic("dropout"), dropout);
        assertEquals("dense1", fill(dropout.output()));
        assertEquals("dropout(h1)", fill(dropout.forward()));
        assertEquals("dense1.backward(dL/dz2)", fill(dropout.inputGradient()));
        assertTrue(dropout.parameters().isEmpty());
    }
}
