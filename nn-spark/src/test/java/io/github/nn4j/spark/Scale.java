package io.github.nn4j.spark;

import io.github.nn4j.base.Mode;
import io.github.nn4j.layers.ShapePreserving;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A layer type of the tests' own, {@code y = factor · x}, that nn4j does not know: {@link TestLayers} registers it. */
final class Scale implements ShapePreserving {

    static final String TYPE = "test_scale";

    private final double factor;

    Scale(double factor) {
        this.factor = factor;
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("factor", factor);
    }

    @Override
    public INDArray forward(INDArray input, Mode mode) {
        return input.mul(factor);
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        return needInputGradient ? outputGradient.mul(factor) : null;
    }

    @Override
    public String toString() {
        return "Scale(" + factor + ")";
    }
}
