package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.testing.SeededArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PredictorTest {

    /** The Fashion-MNIST demo's network, 784-256-128-10, seeded. */
    private static Sequential fashion() {
        return new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 128), new ReLU(), new Dense(128, 10))
                .init(Initializer.he(), 7);
    }

    /** {@code rows × 784} numbers in [−1, 1), seeded. */
    private static float[] rows(long seed, int rows) {
        return SeededArrays.uniform(seed, DataType.FLOAT, rows, 784).subi(0.5).muli(2).data().asFloat();
    }

    @Test
    void aHandSetModelGivesTheHandComputedOutputsClassAndProbabilities() {
        Sequential model = new Sequential(new Dense(2, 2), new ReLU(), new Dense(2, 3));
        model.parameterSet().get("dense0.W").value().assign(Nd4j.create(new float[][] {{1, -1}, {2, 0.5f}}));
        model.parameterSet().get("dense0.b").value().assign(Nd4j.create(new float[][] {{0.5f, -1}}));
        model.parameterSet().get("dense1.W").value().assign(Nd4j.create(new float[][] {{1, 0, -1}, {0, 2, 1}}));
        model.parameterSet().get("dense1.b").value().assign(Nd4j.create(new float[][] {{0, 0.25f, 0}}));
        Predictor predictor = model.predictor();
        // z0 = [1, 2]·W0 + b0 = [5, 0] + [0.5, −1] = [5.5, −1]; ReLU: [5.5, 0]; z1 = [5.5, 0, −5.5] + b1.
        assertArrayEquals(new float[] {5.5f, 0.25f, -5.5f}, predictor.predict(new float[] {1, 2}), 0);
        assertEquals(0, predictor.predictClass(new float[] {1, 2}));
        // [−1, 0]: z0 = [−1, 1] + b0 = [−0.5, 0]; ReLU: [0, 0]; z1 = b1, so class 1.
        assertEquals(1, predictor.predictClass(new float[] {-1, 0}));
        double sum = Math.exp(5.5) + Math.exp(0.25) + Math.exp(-5.5);
        float[] p = predictor.predictProbabilities(new float[] {1, 2});
        assertArrayEquals(new float[] {(float) (Math.exp(5.5) / sum), (float) (Math.exp(0.25) / sum),
                (float) (Math.exp(-5.5) / sum)}, p, 1e-7f);
        assertEquals(2, predictor.inputSize());
        assertEquals(3, predictor.outputSize());
    }

    @Test
    void predictionsAreBitwiseThoseOfSequentialPredictAtEveryBatchSize() {
        Sequential model = fashion();
        Predictor predictor = model.predictor();
        for (int rows : new int[] {1, 32, 256, 1, 7}) {
            float[] input = rows(rows, rows);
            float[] expected = model.predict(Nd4j.create(input, new long[] {rows, 784}, 'c')).data().asFloat();
            float[] actual = new float[rows * 10];
            predictor.predict(input, actual);
            assertArrayEquals(expected, actual, 0, rows + " rows");
            if (rows == 1) {
                assertArrayEquals(expected, predictor.predict(input), 0);
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    best = expected[c] > expected[best] ? c : best;
                }
                assertEquals(best, predictor.predictClass(input));
            }
        }
    }

    @Test
    void aDoubleModelPredictsLikeItsPredict() {
        Sequential model = new Sequential(new Dense(784, 16), new Tanh(), new Dense(16, 3)).init(Initializer.he(), 2,
                DataType.DOUBLE);
        float[] input = rows(3, 2);
        INDArray expected = model.predict(Nd4j.create(input, new long[] {2, 784}, 'c').castTo(DataType.DOUBLE));
        float[] actual = new float[6];
        model.predictor().predict(input, actual);
        assertArrayEquals(expected.castTo(DataType.FLOAT).data().asFloat(), actual, 0);
    }

    @Test
    void probabilitiesOfASoftmaxModelAreItsOutputsAndOfALogitModelTheirSoftmax() {
        Sequential logits = fashion();
        Sequential softmax = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 128), new ReLU(),
                new Dense(128, 10), new Softmax()).init(Initializer.he(), 7);
        float[] row = rows(4, 1);
        float[] probabilities = logits.predictor().predictProbabilities(row);
        float[] reference = softmax.predictor().predict(row);   // ND4J's softmax layer on the same logits
        assertArrayEquals(reference, softmax.predictor().predictProbabilities(row), 0);
        assertArrayEquals(reference, probabilities, 1e-6f);
        double total = 0;
        for (float p : probabilities) {
            total += p;
        }
        assertEquals(1, total, 1e-6);
    }

    @Test
    void badInputIsRejectedWithAMessageThatSaysWhere() {
        Predictor predictor = fashion().predictor();
        assertMessage(() -> predictor.predict(new float[783]), "rows of 784 numbers; got 783");
        assertMessage(() -> predictor.predict(null), "got null");
        assertMessage(() -> predictor.predict(new float[0], new float[0]), "got 0 numbers");
        assertMessage(() -> predictor.predict(new float[784 * 2 + 1], new float[20]), "not a whole number of rows");
        assertMessage(() -> predictor.predict(new float[784 * 2], new float[10]), "must hold 2 × 10 = 20 numbers");
        float[] nan = new float[784];
        nan[5] = Float.NaN;
        assertMessage(() -> predictor.predictClass(nan), "row 0, column 5 is NaN");
        float[] infinite = new float[784 * 2];
        infinite[784 + 3] = Float.POSITIVE_INFINITY;
        assertMessage(() -> predictor.predict(infinite, new float[20]), "row 1, column 3 is Infinity");
        Predictor single = new Sequential(new Dense(3, 1)).predictor();
        IllegalStateException noClass = assertThrows(IllegalStateException.class,
                () -> single.predictClass(new float[3]));
        assertTrue(noClass.getMessage().contains("single output"), noClass.getMessage());
        IllegalArgumentException anyWidth = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new ReLU()).predictor());
        assertTrue(anyWidth.getMessage().contains("fix the number of inputs"), anyWidth.getMessage());
    }

    @Test
    void onePredictorServesEightThreadsAtOnceWithTheSingleThreadedResults() throws Exception {
        Predictor predictor = fashion().predictor();
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int rows = t % 3 == 0 ? 1 : 8 * t;
            float[] input = rows(100 + t, rows);
            float[] output = new float[rows * 10];
            predictor.predict(input, output);
            inputs.add(input);
            expected.add(output);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                float[] input = inputs.get(t);
                float[] want = expected.get(t);
                results.add(pool.submit(() -> {
                    float[] output = new float[want.length];
                    int wrong = 0;
                    for (int i = 0; i < 200; i++) {
                        Arrays.fill(output, Float.NaN);
                        predictor.predict(input, output);
                        wrong += Arrays.equals(want, output) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
