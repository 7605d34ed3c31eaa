package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The scratch buffer fused updaters write their update into before it is subtracted. */
final class Updates {

    private Updates() {
    }

    /** Returns {@code current} if it fits {@code parameters}, otherwise a new buffer like their values. */
    static INDArray buffer(INDArray current, ParameterSet parameters) {
        INDArray values = parameters.values();
        if (current != null && current.length() == values.length() && current.dataType() == values.dataType()) {
            return current;
        }
        return values.ulike();
    }
}
