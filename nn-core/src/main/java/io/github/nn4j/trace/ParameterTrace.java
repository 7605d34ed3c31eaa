package io.github.nn4j.trace;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One parameter during a traced training step: its gradient and its value before and after the
 * optimizer's update. All arrays are copies.
 *
 * @param name     the model's name, e.g. {@code dense0.W}
 * @param symbol   the name in the worked example, e.g. {@code W1}
 * @param gradientFormula how the gradient is computed, e.g. {@code Xᵀ·dL/dz1}
 * @param gradient dL/d(parameter) from backpropagation
 * @param before   the value before the update
 * @param after    the value after the update
 */
public record ParameterTrace(String name, String symbol, String gradientFormula, INDArray gradient, INDArray before, INDArray after) {

    /** The change the update made, {@code after − before}, as a new array. */
    public INDArray difference() {
        return after.sub(before);
    }
}
