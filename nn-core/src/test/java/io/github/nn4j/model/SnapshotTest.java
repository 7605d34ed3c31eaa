package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ShapePreserving;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.testing.SeededArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SnapshotTest {

    private static Sequential trained() {
        return new Sequential(new Dense(6, 5), new LeakyReLU(0.1), new Dropout(0.3), new Dense(5, 3), new Softmax())
                .init(Initializer.he(), 9, DataType.DOUBLE);
    }

    @Test
    void aSnapshotHasNewLayersAndACopyOfTheParametersDataTypeAndSeed() {
        Sequential model = trained();
        model.reseed(77);
        Sequential snapshot = model.snapshot();
        assertEquals(model.toString(), snapshot.toString());
        for (int i = 0; i < model.layers().size(); i++) {
            assertNotSame(model.layers().get(i), snapshot.layers().get(i));
        }
        assertEquals(DataType.DOUBLE, snapshot.dataType());
        assertEquals(77, snapshot.seed());
        assertEquals(model.parameterSet().values(), snapshot.parameterSet().values());
        assertNotEquals(model.parameterSet().values().data().address(), snapshot.parameterSet().values().data().address());
        INDArray input = SeededArrays.gaussian(1, DataType.DOUBLE, 4, 6);
        assertEquals(model.predict(input), snapshot.predict(input));
        // Dropout draws the same masks from the same seed.
        assertEquals(model.forward(input, Mode.TRAIN).dup(), snapshot.forward(input, Mode.TRAIN));
    }

    @Test
    void changingEitherModelLeavesTheOtherAsItWas() {
        Sequential model = trained();
        Sequential snapshot = model.snapshot();
        INDArray input = SeededArrays.gaussian(2, DataType.DOUBLE, 3, 6);
        INDArray before = snapshot.predict(input);
        model.parameterSet().values().addi(0.5);
        assertEquals(before, snapshot.predict(input));
        snapshot.parameterSet().values().muli(2);
        assertNotEquals(snapshot.predict(input), model.predict(input));
        assertEquals(model.snapshot().predict(input), model.predict(input));
    }

    @Test
    void aLayerOfAnUnregisteredTypeIsNamed() {
        Layer unregistered = new ShapePreserving() {
            @Override
            public String typeName() {
                return "not_registered";
            }

            @Override
            public INDArray forward(INDArray input, Mode mode) {
                return input;
            }

            @Override
            public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
                return outputGradient;
            }
        };
        Sequential model = new Sequential(new Dense(2, 2), unregistered);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, model::snapshot);
        assertTrue(e.getMessage().contains("unknown layer type 'not_registered'"), e.getMessage());
    }
}
