package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.SeededArrays;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LayerObserverTest {

    /** Writes down every call as {@code "<event> <index>"} and keeps a copy of its array. */
    private static final class Log implements LayerObserver {
        final List<String> events = new ArrayList<>();
        final List<INDArray> arrays = new ArrayList<>();

        private void add(String event, int index, INDArray array) {
            events.add(event + " " + index);
            arrays.add(array == null ? null : array.dup());
        }

        @Override
        public void beforeForward(int index, Layer layer, INDArray input) {
            add("beforeForward", index, input);
        }

        @Override
        public void afterForward(int index, Layer layer, INDArray output) {
            add("afterForward", index, output);
        }

        @Override
        public void beforeBackward(int index, Layer layer, INDArray outputGradient) {
            add("beforeBackward", index, outputGradient);
        }

        @Override
        public void afterBackward(int index, Layer layer, INDArray inputGradient) {
            add("afterBackward", index, inputGradient);
        }
    }

    private static Sequential model() {
        return new Sequential(new Dense(3, 4), new ReLU(), new Dense(4, 2)).init(Initializer.he(), 3, DataType.DOUBLE);
    }

    @Test
    void seesEveryLayersInputOutputAndGradientsInTheOrderTheyRun() {
        Sequential model = model();
        INDArray x = SeededArrays.gaussian(1, DataType.DOUBLE, 5, 3);
        INDArray g = SeededArrays.gaussian(2, DataType.DOUBLE, 5, 2);
        Log log = new Log();
        INDArray output = model.forward(x, Mode.TRAIN, log).dup();
        INDArray inputGradient = model.backward(g, true, log).dup();

        assertEquals(List.of("beforeForward 0", "afterForward 0", "beforeForward 1", "afterForward 1",
                "beforeForward 2", "afterForward 2", "beforeBackward 2", "afterBackward 2", "beforeBackward 1",
                "afterBackward 1", "beforeBackward 0", "afterBackward 0"), log.events);
        // Each layer's input is the previous layer's output; each gradient is passed on unchanged.
        assertEquals(x, log.arrays.get(0));
        assertEquals(log.arrays.get(1), log.arrays.get(2));
        assertEquals(log.arrays.get(3), log.arrays.get(4));
        assertEquals(output, log.arrays.get(5));
        assertEquals(g, log.arrays.get(6));
        assertEquals(log.arrays.get(7), log.arrays.get(8));
        assertEquals(log.arrays.get(9), log.arrays.get(10));
        assertEquals(inputGradient, log.arrays.get(11));
        // The ReLU layer's input gradient is its output gradient where its input was positive.
        INDArray reluInput = log.arrays.get(2);
        INDArray expected = log.arrays.get(8).mul(reluInput.gt(0).castTo(DataType.DOUBLE));
        assertEquals(expected, log.arrays.get(9));
    }

    @Test
    void anObservedStepComputesWhatAnUnobservedOneDoes() {
        Sequential observed = model();
        Sequential plain = model();
        INDArray x = SeededArrays.gaussian(3, DataType.DOUBLE, 4, 3);
        INDArray g = SeededArrays.gaussian(4, DataType.DOUBLE, 4, 2);
        assertEquals(plain.forward(x, Mode.TRAIN), observed.forward(x, Mode.TRAIN, new LayerObserver() { }));
        assertNull(observed.backward(g, false, new LayerObserver() { }));
        plain.backward(g);
        assertEquals(plain.parameterSet().gradients(), observed.parameterSet().gradients());
    }

    @Test
    void theFirstLayersInputGradientIsNullUnlessAskedFor() {
        Sequential model = model();
        Log log = new Log();
        model.forward(SeededArrays.gaussian(5, DataType.DOUBLE, 2, 3), Mode.TRAIN);
        model.backward(SeededArrays.gaussian(6, DataType.DOUBLE, 2, 2), false, log);
        assertEquals("afterBackward 0", log.events.get(5));
        assertNull(log.arrays.get(5));
    }

    @Test
    void aFloatModelShowsTheObserverItsInputConvertedToFloat() {
        Sequential model = new Sequential(new Dense(3, 2));
        INDArray[] seen = new INDArray[1];
        model.forward(SeededArrays.gaussian(7, DataType.DOUBLE, 2, 3), Mode.EVAL, new LayerObserver() {
            @Override
            public void beforeForward(int index, Layer layer, INDArray input) {
                seen[0] = input;
            }
        });
        assertEquals(DataType.FLOAT, seen[0].dataType());
    }
}
