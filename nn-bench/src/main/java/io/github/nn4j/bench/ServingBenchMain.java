package io.github.nn4j.bench;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Serving while training: the Fashion-MNIST model (784-256-128-10) answers {@code predict} calls of
 * one example from several threads, as fast as they go, with whatever {@link Sequential#snapshot()}
 * an {@link AtomicReference} holds, while (unless {@code train=false}) another thread trains the
 * model on synthetic Fashion-MNIST-shaped data and publishes a snapshot every 10 steps. Prints the
 * sustained predictions per second, latency percentiles (of every 64th call), the snapshots
 * published meanwhile, and the heap and ND4J off-heap bytes before and after the predictions (each
 * after garbage collection, with the trainer alive but paused between two steps for both).
 *
 * <p>Run: {@code mvn -q -pl nn-bench -am compile exec:java@bench
 * -Dexec.mainClass=io.github.nn4j.bench.ServingBenchMain -Dexec.args="1000000 8 true"}
 * (predictions, threads, train while serving).
 */
public final class ServingBenchMain {

    private static final int PUBLISH_EVERY = 10;
    private static final int WARM_UP = 20_000;

    private ServingBenchMain() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args predictions (default 1,000,000), threads (default 8), train while serving (default true)
     * @throws Exception when a serving thread fails
     */
    public static void main(String[] args) throws Exception {
        long predictions = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean train = args.length <= 2 || Boolean.parseBoolean(args[2]);

        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dropout(0.2), new Dense(256, 128),
                new ReLU(), new Dense(128, 10)).init(Initializer.he(), 42);
        AtomicReference<Sequential> serving = new AtomicReference<>(model.snapshot());
        List<INDArray> requests = requests(256);
        AtomicLong remaining = new AtomicLong(WARM_UP);
        serve(serving, requests, threads, remaining, new long[threads][]);   // warm-up: JIT, ND4J caches

        AtomicLong snapshots = new AtomicLong();
        PausableTrainer trainer = train ? new PausableTrainer(model, serving, snapshots) : null;
        if (trainer != null) {
            trainer.pauseAfter(120);   // into its second epoch: every buffer it keeps exists for both readings
        }
        long[] before = settle();
        long published = snapshots.get();
        if (trainer != null) {
            trainer.resume();
        }
        remaining.set(predictions);
        long[][] latencies = new long[threads][];
        long start = System.nanoTime();
        serve(serving, requests, threads, remaining, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (trainer != null) {
            trainer.pauseAfter(1);
        }
        published = snapshots.get() - published;
        long[] after = settle();
        if (trainer != null) {
            trainer.stop();
        }

        long[] sampled = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "model 784-256-128-10, %d threads, 1 example per call, %s%n", threads,
                train ? "training and publishing a snapshot every " + PUBLISH_EVERY + " steps" : "no training");
        System.out.printf(Locale.ROOT, "%,d predictions in %.1f s: %,.0f predictions/s; latency p50 %.0f µs, "
                + "p99 %.0f µs; %,d snapshots published%n", predictions, seconds, predictions / seconds,
                percentile(sampled, 0.50) / 1e3, percentile(sampled, 0.99) / 1e3, published);
        System.out.printf(Locale.ROOT, "heap used (least after a collection) %.1f MB before, %.1f MB after; "
                + "ND4J off-heap %.1f MB before, %.1f MB after (%+,d bytes)%n", before[0] / 1e6, after[0] / 1e6,
                before[1] / 1e6, after[1] / 1e6, after[1] - before[1]);
    }

    /** Serves until {@code remaining} runs out; every 64th call's latency goes into {@code latencies[thread]}. */
    private static void serve(AtomicReference<Sequential> serving, List<INDArray> requests, int threads,
            AtomicLong remaining, long[][] latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    long[] sample = new long[1 << 16];
                    int sampled = 0;
                    for (long call = 0; remaining.getAndDecrement() > 0; call++) {
                        INDArray request = requests.get((int) ((call * 31 + thread) % requests.size()));
                        long before = System.nanoTime();
                        serving.get().predict(request);
                        if ((call & 63) == 0 && sampled < sample.length) {
                            sample[sampled++] = System.nanoTime() - before;
                        }
                    }
                    latencies[thread] = Arrays.copyOf(sample, sampled);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Trains a model in a thread of its own on synthetic Fashion-MNIST-shaped data, publishing a
     * snapshot every {@value #PUBLISH_EVERY} steps; it can be paused between steps, so that memory
     * readings see its buffers but not its garbage in the making.
     */
    private static final class PausableTrainer implements TrainingListener {
        private final Sequential model;
        private final AtomicReference<Sequential> serving;
        private final AtomicLong snapshots;
        private final Thread thread;
        private long steps;
        private long pauseAt = Long.MAX_VALUE;
        private boolean paused;
        private boolean stopped;

        PausableTrainer(Sequential model, AtomicReference<Sequential> serving, AtomicLong snapshots) {
            this.model = model;
            this.serving = serving;
            this.snapshots = snapshots;
            Random random = new Random(7);
            float[] pixels = new float[6000 * 784];
            float[] classes = new float[6000];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            for (int i = 0; i < classes.length; i++) {
                classes[i] = random.nextInt(10);
            }
            DataSet data = new DataSet(Nd4j.create(pixels, new long[] {6000, 784}, 'c'),
                    Nd4j.create(classes, new long[] {6000, 1}, 'c'));
            Trainer trainer = Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                    .batchSize(64).epochs(Integer.MAX_VALUE).seed(1).logEpochs(false).progressBar(false)
                    .listener(this).build();
            thread = new Thread(() -> trainer.fit(data), "trainer");
            thread.start();
        }

        @Override
        public synchronized void onBatchEnd(TrainingState state, int batch, double loss) {
            if (++steps % PUBLISH_EVERY == 0) {
                serving.set(model.snapshot());
                snapshots.incrementAndGet();
            }
            if (steps >= pauseAt) {
                paused = true;
                notifyAll();
                while (paused && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopped = true;
                    }
                }
            }
            if (stopped) {
                state.requestStop("serving is over");
            }
        }

        /** Lets it run {@code more} steps, then waits until it stands still. */
        synchronized void pauseAfter(long more) throws InterruptedException {
            pauseAt = steps + more;
            while (!paused) {
                wait();
            }
        }

        synchronized void resume() {
            pauseAt = Long.MAX_VALUE;
            paused = false;
            notifyAll();
        }

        void stop() throws InterruptedException {
            synchronized (this) {
                stopped = true;
                notifyAll();
            }
            thread.join();
        }
    }

    private static List<INDArray> requests(int count) {
        Random random = new Random(3);
        List<INDArray> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[784];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = random.nextFloat();
            }
            requests.add(Nd4j.create(pixels, new long[] {1, 784}, 'c'));
        }
        return requests;
    }

    /**
     * Collects garbage until ND4J's off-heap count holds still for three readings 100 ms apart (its
     * deallocator frees a dead array's buffer some time after the collection), at most 20 s.
     *
     * @return the least heap used after a collection meanwhile, and the off-heap count
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
        return new long[] {heap, previous};
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
