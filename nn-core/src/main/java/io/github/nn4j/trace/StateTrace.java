package io.github.nn4j.trace;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One entry of a model's state that is not trained (a running statistic) during a traced training
 * step: the rule the layer's forward pass updates it by, and its value before and after. All
 * arrays are copies.
 *
 * @param name          the model's name, e.g. {@code batch_norm0.running_mean}
 * @param symbol        the name in the worked example, e.g. {@code μ̄1}
 * @param updateFormula its new value's formula, e.g. {@code 0.9·μ̄1 + 0.1·μ_B}
 * @param before        the value before the step
 * @param after         the value after the step
 */
public record StateTrace(String name, String symbol, String updateFormula, INDArray before, INDArray after) {
}
