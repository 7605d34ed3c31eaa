package io.github.nn4j.trace;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one layer saw and produced during a traced training step. All arrays are copies.
 *
 * @param index          the layer's position in the model, from 0
 * @param layerName      the model's name for the layer, e.g. {@code dense0}
 * @param description    the layer itself as text, e.g. {@code Dense(2→3)}
 * @param inputSymbol    the name of the layer's input in the worked example, e.g. {@code X} or {@code h1}
 * @param outputSymbol   the name of the layer's output, e.g. {@code z1} (pre-activation) or {@code h1}
 * @param formula        how the output is computed, e.g. {@code X·W1 + b1} or {@code σ(z1)}
 * @param inputGradientFormula how dL/d(input) is computed, e.g. {@code dL/dz1·W1ᵀ} or {@code dL/dh1 ⊙ σ'(z1)}
 * @param input          the layer's input, {@code [batch, in]}
 * @param output         the layer's output, {@code [batch, out]}
 * @param outputGradient dL/d(output), the upstream gradient the layer received, {@code [batch, out]}
 * @param inputGradient  dL/d(input), the gradient it passed on, {@code [batch, in]}
 */
public record LayerTrace(int index, String layerName, String description, String inputSymbol, String outputSymbol,
        String formula, String inputGradientFormula, INDArray input, INDArray output, INDArray outputGradient, INDArray inputGradient) {
}
