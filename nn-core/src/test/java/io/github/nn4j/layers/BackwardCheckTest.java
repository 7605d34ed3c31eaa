package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.base.Mode;
import io.github.nn4j.model.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BackwardCheckTest {

    private static List<Layer> layers() {
        Dense dense = new Dense(3, 3);
        new Sequential(dense);
        return List.of(dense, new ReLU(), new Softmax(), new Dropout(0.5));
    }

    @Test
    void backwardBeforeATrainingForwardPassIsAClearErrorInEveryLayer() {
        for (Layer layer : layers()) {
            layer.forward(Nd4j.ones(DataType.FLOAT, 2, 3), Mode.EVAL);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> layer.backward(Nd4j.ones(DataType.FLOAT, 2, 3)));
            assertEquals(layer + ": backward needs a forward pass in TRAIN mode first", e.getMessage());
        }
    }

    @Test
    void anOutputGradientOfAnotherShapeIsNamedWithBothShapesInEveryLayer() {
        for (Layer layer : layers()) {
            layer.forward(Nd4j.ones(DataType.FLOAT, 2, 3), Mode.TRAIN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> layer.backward(Nd4j.ones(DataType.FLOAT, 4, 3)));
            assertEquals(layer + " expects an output gradient of shape [2, 3], got [4, 3]", e.getMessage());
        }
    }

    @Test
    void dropoutsMaskNeedsATrainingPassToo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Dropout(0.5).mask());
        assertEquals("Dropout(p=0.5): mask() needs a forward pass in TRAIN mode first", e.getMessage());
    }
}
