package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.testing.NativeMemory;
import io.github.nn4j.testing.SeededArrays;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The serving pattern: one thread trains and every few steps publishes a {@link Sequential#snapshot}
 * through an {@link AtomicReference}; eight threads predict with whatever snapshot is current,
 * without pause, four with {@code predict(INDArray)} and four with the snapshot's {@code Predictor}.
 * No call fails, every answer is bitwise the answer the snapshot it used gave when it was
 * published, and memory is where it was once the snapshots are garbage.
 */
class ServingWhileTrainingTest {

    private static final int SERVERS = 8;
    private static final int PUBLISH_EVERY = 3;

    /** A snapshot with its number, as published. */
    private record Published(int version, Sequential model) {
    }

    @Test
    void eightThreadsPredictWithPublishedSnapshotsWhileTrainingGoesOn() throws Exception {
        Sequential model = new Sequential(new Dense(16, 64), new ReLU(), new Dropout(0.1), new Dense(64, 4))
                .init(Initializer.he(), 1);
        DataSet data = new DataSet(SeededArrays.gaussian(2, DataType.FLOAT, 512, 16),
                SeededArrays.uniform(3, DataType.DOUBLE, 512, 1).muli(4).castTo(DataType.INT).castTo(DataType.FLOAT));
        INDArray probe = SeededArrays.gaussian(4, DataType.FLOAT, 5, 16);

        Map<Integer, float[][]> expected = new ConcurrentHashMap<>();
        AtomicReference<Published> serving = new AtomicReference<>();
        publish(model, probe, 0, expected, serving);

        long offHeapBefore = NativeMemory.settled();
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        AtomicBoolean training = new AtomicBoolean(true);
        ExecutorService servers = Executors.newFixedThreadPool(SERVERS);
        List<Future<Integer>> answers = new ArrayList<>();
        float[] probeRows = probe.data().asFloat();
        for (int t = 0; t < SERVERS; t++) {
            boolean floatArrays = t % 2 == 1;   // half the servers through Predictor, float[] in and out
            answers.add(servers.submit(() -> {
                int count = 0;
                float[] output = new float[5 * 4];
                while (training.get() || count == 0) {
                    Published current = serving.get();
                    float[][] answer;
                    if (floatArrays) {
                        current.model().predictor().predict(probeRows, output);
                        answer = new float[5][];
                        for (int row = 0; row < 5; row++) {
                            answer[row] = Arrays.copyOfRange(output, row * 4, row * 4 + 4);
                        }
                    } else {
                        answer = current.model().predict(probe).toFloatMatrix();
                    }
                    if (!Arrays.deepEquals(expected.get(current.version()), answer)) {
                        throw new AssertionError("snapshot " + current.version() + " answered differently");
                    }
                    count++;
                }
                return count;
            }));
        }
        int[] version = {0};
        Trainer trainer = Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .batchSize(16).epochs(4).seed(5).logEpochs(false).progressBar(false)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(TrainingState state, int batch, double loss) {
                        if (batch % PUBLISH_EVERY == 0) {
                            publish(model, probe, ++version[0], expected, serving);
                        }
                    }
                }).build();
        try {
            trainer.fit(data);
        } finally {
            training.set(false);
        }
        long predictions = 0;
        for (Future<Integer> answer : answers) {
            predictions += answer.get();   // rethrows a server's failure
        }
        servers.shutdown();
        serving.set(null);

        long offHeapAfter = NativeMemory.settled();
        long heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%d snapshots published, %d predictions from %d threads; off-heap %+d B, heap %+d B%n",
                version[0] + 1, predictions, SERVERS, offHeapAfter - offHeapBefore, heapAfter - heapBefore);
        assertEquals(4 * (512 / 16 / PUBLISH_EVERY), version[0]);
        assertTrue(predictions >= SERVERS);
        assertTrue(offHeapAfter - offHeapBefore < 1 << 20, "off-heap grew by " + (offHeapAfter - offHeapBefore));
        assertTrue(heapAfter - heapBefore < 32 << 20, "heap grew by " + (heapAfter - heapBefore));
    }

    /** Snapshots {@code model}, records its answer to the probe, then makes it the one served. */
    private static void publish(Sequential model, INDArray probe, int version, Map<Integer, float[][]> expected,
            AtomicReference<Published> serving) {
        Sequential snapshot = model.snapshot();
        if (expected.putIfAbsent(version, snapshot.predict(probe).toFloatMatrix()) != null) {
            throw new AssertionError("snapshot " + version + " published twice");
        }
        serving.set(new Published(version, snapshot));
    }
}
