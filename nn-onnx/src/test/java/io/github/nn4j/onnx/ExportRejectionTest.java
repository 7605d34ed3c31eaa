package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ShapePreserving;
import io.github.nn4j.model.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A layer type nn4j does not know has no ONNX form: export refuses it, naming the layer. */
class ExportRejectionTest {

    /** A user's own layer: shifts its input by one, so its gradient passes through unchanged. */
    private static final class PlusOne implements ShapePreserving {
        @Override
        public String typeName() {
            return "plus_one";
        }

        @Override
        public INDArray forward(INDArray input, Mode mode) {
            return input.add(1);
        }

        @Override
        public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
            return needInputGradient ? outputGradient : null;
        }

        @Override
        public String toString() {
            return "PlusOne()";
        }
    }

    @Test
    void layerOfAnUnknownTypeIsRefusedNamingIt() {
        Sequential model = new Sequential(new Dense(3, 2), new PlusOne());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(model));
        assertTrue(e.getMessage().contains("layer 'plus_one0' PlusOne() (type 'plus_one') has no ONNX form"), e.getMessage());
    }
}
