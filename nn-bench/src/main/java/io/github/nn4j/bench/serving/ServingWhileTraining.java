package io.github.nn4j.bench.serving;

import io.github.nn4j.bench.WorkloadBench;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Predictor;
import io.github.nn4j.model.Sequential;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bytedeco.javacpp.Pointer;

/**
 * Serving the Fashion-MNIST model (784-256-128-10 with dropout) from as many threads as cores
 * while a {@link SnapshotTrainer} trains it and publishes a snapshot every 10 steps: nn4j serves
 * each new snapshot ({@code snapshot.predictor()}, {@code float[]} in and out); ONNX Runtime
 * serves the model exported before training began (a session cannot take new weights without a
 * new export, so it gets the trainer's load without its snapshots). Every 16th call is timed.
 * Heap, ND4J's off-heap count and the process's resident size are read before and after, each
 * after collections with the trainer paused between two steps.
 */
public final class ServingWhileTraining {

    private static final int WARM_UP = 20_000;
    private static final int SAMPLE_EVERY = 16;

    private final long predictions;

    /**
     * @param predictions calls per runtime (one row each)
     */
    public ServingWhileTraining(long predictions) {
        this.predictions = predictions;
    }

    /** The Fashion-MNIST network as the demo trains it, He-initialized from seed 42. */
    public static Sequential fashionModel() {
        return new Sequential(new Dense(784, 256), new ReLU(), new Dropout(0.2), new Dense(256, 128), new ReLU(),
                new Dense(128, 10)).init(Initializer.he(), 42);
    }

    /**
     * nn4j: a {@link Predictor} of the latest snapshot, one BLAS thread per caller.
     *
     * @param callers caller threads
     * @return the measurement
     * @throws InterruptedException when interrupted
     */
    public ServingUnderTraining nn4j(int callers) throws InterruptedException {
        Sequential model = fashionModel();
        AtomicReference<Predictor> current = new AtomicReference<>(model.snapshot().predictor());
        Nn4jServing.setBlasThreads(1);
        try {
            return measure("nn4j float[]", "1", model, snapshot -> current.set(snapshot.predictor()), callers, row -> {
                float[] output = new float[10];
                return () -> {
                    current.get().predict(row, output);
                    return output[0];
                };
            });
        } finally {
            Nn4jServing.setBlasThreads(Nn4jServing.defaultBlasThreads());
        }
    }

    /**
     * ONNX Runtime with one intra-op thread, serving the model exported before training.
     *
     * @param callers caller threads
     * @return the measurement
     * @throws InterruptedException when interrupted
     */
    public ServingUnderTraining onnxRuntime(int callers) throws InterruptedException {
        Sequential model = fashionModel();
        Nn4jServing.setBlasThreads(1);
        try (OrtServing ort = new OrtServing(model.snapshot(), true)) {
            return measure(ort.name(), ort.threads(), model, snapshot -> { }, callers, row -> ort.prepare(row, 1));
        } finally {
            Nn4jServing.setBlasThreads(Nn4jServing.defaultBlasThreads());
        }
    }

    private ServingUnderTraining measure(String name, String threads, Sequential model, java.util.function.Consumer<Sequential> publish,
            int callers, Function<float[], ServingRuntime.Call> prepare) throws InterruptedException {
        long[][] unused = new long[callers][];
        serve(prepare, callers, new AtomicLong(WARM_UP), unused);
        SnapshotTrainer trainer = new SnapshotTrainer(model, publish);
        trainer.pauseAfter(120);   // into its second epoch: every buffer it keeps exists for both readings
        long[] before = settle();
        long published = trainer.published();
        trainer.resume();
        long[][] latencies = new long[callers][];
        long start = System.nanoTime();
        serve(prepare, callers, new AtomicLong(predictions), latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        trainer.pauseAfter(1);
        published = trainer.published() - published;
        long[] after = settle();
        trainer.stop();
        double[] sampled = Arrays.stream(latencies).flatMapToLong(Arrays::stream).mapToDouble(ns -> ns / 1e3)
                .sorted().toArray();
        return new ServingUnderTraining(name, threads, callers, predictions, predictions / seconds,
                Latency.percentile(sampled, 50), Latency.percentile(sampled, 99), published, before[0], after[0],
                before[1], after[1], before[2], after[2]);
    }

    /** Serves until {@code remaining} runs out; every 16th call's latency goes into {@code latencies[thread]}. */
    private static void serve(Function<float[], ServingRuntime.Call> prepare, int callers, AtomicLong remaining,
                              long[][] latencies) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int thread = t;
            float[][] rows = Requests.rows(784, 1, 5000L + t);
            Thread caller = new Thread(() -> {
                ServingRuntime.Call[] calls = new ServingRuntime.Call[rows.length];
                for (int v = 0; v < rows.length; v++) {
                    calls[v] = prepare.apply(rows[v]);
                }
                long[] sample = new long[1 << 17];
                int sampled = 0;
                for (int call = 0; remaining.getAndDecrement() > 0; call++) {
                    long before = System.nanoTime();
                    calls[call % calls.length].run();
                    if (call % SAMPLE_EVERY == 0 && sampled < sample.length) {
                        sample[sampled++] = System.nanoTime() - before;
                    }
                }
                latencies[thread] = Arrays.copyOf(sample, sampled);
            }, "serving-" + t);
            caller.start();
            threads.add(caller);
        }
        for (Thread caller : threads) {
            caller.join();
        }
    }

    /**
     * Collects garbage until ND4J's off-heap count holds still for three readings 100 ms apart, at
     * most 20 s.
     *
     * @return the least heap used after a collection meanwhile, the off-heap count and the resident size
     */
    private static long[] settle() throws InterruptedException {
        long previous = -1;
        long heap = Long.MAX_VALUE;
        int still = 0;
        for (long deadline = System.nanoTime() + 20_000_000_000L; still < 3 && System.nanoTime() < deadline; ) {
            System.gc();
            Thread.sleep(100);
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            long now = WorkloadBench.offHeapBytes();
            still = now == previous ? still + 1 : 0;
            previous = now;
        }
        return new long[] {heap, previous, Pointer.physicalBytes()};
    }
}
