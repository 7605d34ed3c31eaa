package io.github.nn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The clip of the losses on probabilities, so that log(0) and division by 0 never occur: the one
 * floor {@value #EPSILON} they all use.
 */
final class ProbabilityFloor {

    /** The smallest probability a loss takes. */
    static final double EPSILON = 1e-7;

    private ProbabilityFloor() {
    }

    /** A new array {@code max(p, ε)}. */
    static INDArray atLeastEpsilon(INDArray p) {
        return Transforms.max(p, EPSILON, true);
    }

    /** A new array of p clipped to {@code [ε, 1 − ε]}. */
    static INDArray withinEpsilonOfZeroAndOne(INDArray p) {
        return Transforms.max(Transforms.min(p, 1 - EPSILON, true), EPSILON, false);
    }
}
