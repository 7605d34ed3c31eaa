package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.testing.SeededArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples in the class documentation of the {@code model} package, run as written; each test
 * names the file and lines it checks.
 */
class ModelDocExamplesTest {

    @Test
    void thePerceptronLearnsAndInFourEpochsAndFiresForOneOne() {
        // Perceptron.java:21-25
        DataSet and = new DataSet(Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                Nd4j.create(new float[][] {{0}, {0}, {0}, {1}}));
        Perceptron p = new Perceptron(2);
        assertEquals(4, p.fit(and, 0.1, 20));
        assertArrayEquals(new double[][] {{1.0}}, p.predict(Nd4j.create(new float[][] {{1, 1}})).toDoubleMatrix());
        assertEquals(1.0, p.accuracy(and));
    }

    @Test
    void theMlpScoresTenClassesPerRowAndNamesItsFirstWeightDense0W() {
        // Sequential.java:23-26
        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 10));
        model.init(Initializer.he(), 42);
        INDArray features = SeededArrays.uniform(1, DataType.FLOAT, 5, 784);
        INDArray logits = model.predict(features);
        assertArrayEquals(new long[] {5, 10}, logits.shape());
        assertEquals("dense0.W", model.parameters().get(0).name());
    }

    @Test
    void aNewModelHoldsXavierUniformWeightsAndZeroBiasesFromSeedZero() {
        // Sequential.java:18-20 (and Dense.java:20-21: b starts at zero)
        Sequential fresh = new Sequential(new Dense(4, 3), new ReLU(), new Dense(3, 2));
        Sequential chosen = new Sequential(new Dense(4, 3), new ReLU(), new Dense(3, 2))
                .init(Initializer.xavierUniform(), 0);
        assertEquals(chosen.parameterSet().values(), fresh.parameterSet().values());
        assertEquals(DataType.FLOAT, fresh.dataType());
        assertEquals(Nd4j.zeros(DataType.FLOAT, 1, 3), fresh.parameterSet().get("dense0.b").value());
    }

    @Test
    void theSummaryOfTheClassExampleIsTheDocumentedTable() {
        // Sequential.java:285-288 quote the first layer's row and the last line; the whole table is asserted here.
        // dense0: 784·256 weights + 256 biases = 200,960; dense1: 256·10 + 10 = 2,570; 4 bytes each.
        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 10));
        assertEquals("""
                Layer   Type            Output shape  Parameters
                ================================================
                dense0  Dense(784→256)  [-1, 256]        200,960
                relu0   ReLU()          [-1, 256]              0
                dense1  Dense(256→10)   [-1, 10]           2,570
                ================================================
                Total parameters: 203,530 (float32, 814,120 bytes)
                """, model.summary());
    }

    @Test
    void thePredictorGivesTenNumbersForARowOf784AndTheIndexOfTheLargest() {
        // Predictor.java:20-24, with the model of Sequential.java:23-26
        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 10));
        model.init(Initializer.he(), 42);
        float[] pixels = SeededArrays.uniform(2, DataType.FLOAT, 1, 784).data().asFloat();
        Predictor predictor = model.predictor();
        float[] logits = predictor.predict(pixels);
        int label = predictor.predictClass(pixels);
        assertEquals(10, logits.length);
        assertArrayEquals(model.predict(Nd4j.create(pixels, new long[] {1, 784}, 'c')).data().asFloat(), logits, 0);
        for (float logit : logits) {
            assertTrue(logit <= logits[label]);
        }
    }
}
