package io.github.nn4j.bench.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Predictions per second with {@code callers} threads calling one runtime as fast as they can, one
 * row per call (closed loop: each thread sends its next request when the last is answered).
 */
public final class ThroughputProbe {

    private final double seconds;

    /**
     * @param seconds how long the callers are counted, after a warm-up of a third of that
     */
    public ThroughputProbe(double seconds) {
        this.seconds = seconds;
    }

    /**
     * Measures one runtime.
     *
     * @param runtime the runtime
     * @param network the network it serves
     * @param callers caller threads
     * @return the throughput
     * @throws InterruptedException when interrupted
     */
    public Throughput measure(ServingRuntime runtime, ServingNetwork network, int callers) throws InterruptedException {
        runtime.activate();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong predictions = new AtomicLong();
        CyclicBarrier ready = new CyclicBarrier(callers + 1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            float[][] rows = Requests.rows(network.inputs(), 1, 2000L + t);
            Thread thread = new Thread(() -> {
                ServingRuntime.Call[] calls = new ServingRuntime.Call[rows.length];
                for (int v = 0; v < rows.length; v++) {
                    calls[v] = runtime.prepare(rows[v], 1);
                }
                await(ready);
                long counted = 0;
                for (int i = 0; !stop.get(); i++) {
                    calls[i % calls.length].run();
                    if (counting.get()) {
                        counted++;
                    }
                }
                predictions.addAndGet(counted);
            }, "caller-" + t);
            thread.start();
            threads.add(thread);
        }
        await(ready);
        Thread.sleep((long) (seconds / 3 * 1000));
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return new Throughput(runtime.name(), runtime.threads(), network.name(), callers,
                predictions.get() / elapsed);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
