package io.github.nn4j.model;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.SeededArrays;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sign;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inference from many threads at once gives exactly the single-threaded results. */
class ServingTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 30;

    @Test
    void predictFromEightThreadsIsBitwiseTheSingleThreadedResultAndNeverReallocatesWeights() throws Exception {
        Sequential model = new Sequential(new Dense(16, 32), new ReLU(), new Dense(32, 32), new Tanh(),
                new Dense(32, 24), new LeakyReLU(0.05), new Dense(24, 24), new Sign(), new Dense(24, 10), new Softmax())
                .init(Initializer.he(), 3);
        // A few training steps first, so the TRAIN buffers exist: EVAL must not touch them.
        INDArray trainInput = SeededArrays.uniform(33, DataType.FLOAT, 8, 16);
        model.forward(trainInput, Mode.TRAIN);
        model.backward(Nd4j.ones(DataType.FLOAT, 8, 10));

        List<INDArray> inputs = new ArrayList<>();
        List<float[][]> expected = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            INDArray input = SeededArrays.uniform(100 + i, DataType.FLOAT, 1 + i % 17, 16).subi(0.5).muli(3);
            inputs.add(input);
            expected.add(model.predict(input).toFloatMatrix());
        }
        List<Dense> dense = model.layers().stream().filter(Dense.class::isInstance).map(Dense.class::cast).toList();
        List<INDArray> weights = dense.stream().map(Dense::weights).toList();
        List<Long> addresses = weights.stream().map(w -> w.data().address()).toList();
        INDArray valuesBefore = model.parameterSet().values().dup();
        long valuesAddress = model.parameterSet().values().data().address();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int k = 0; k < inputs.size(); k++) {
                            int i = (k * 7 + thread * 5 + round) % inputs.size(); // each thread its own order
                            float[][] actual = model.predict(inputs.get(i)).toFloatMatrix();
                            for (int row = 0; row < actual.length; row++) {
                                // Arrays.equals on floats compares bit patterns (NaN-safe), so this is bitwise.
                                if (!java.util.Arrays.equals(expected.get(i)[row], actual[row])) {
                                    throw new AssertionError("thread " + thread + " input " + i + " row " + row
                                            + " differs from the single-threaded result");
                                }
                            }
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertEquals(THREADS * ROUNDS * inputs.size(), total);
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < dense.size(); i++) {
            assertSame(weights.get(i), dense.get(i).weights(), "weights of " + dense.get(i) + " were replaced");
            assertEquals(addresses.get(i), dense.get(i).weights().data().address(), "weights buffer moved");
        }
        assertEquals(valuesAddress, model.parameterSet().values().data().address());
        assertEquals(valuesBefore, model.parameterSet().values());
        assertArrayEquals(expected.get(0)[0], model.predict(inputs.get(0)).toFloatMatrix()[0]);
    }
}
