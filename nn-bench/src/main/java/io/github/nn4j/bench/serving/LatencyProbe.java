package io.github.nn4j.bench.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency of single prediction calls on one caller thread: for each batch size, every runtime
 * warms up, then the runtimes take turns in rounds (each round a run of calls per runtime, after
 * {@link ServingRuntime#activate()}), so that a shared machine's drift hits them alike.
 */
public final class LatencyProbe {

    private static final int ROUNDS = 10;
    private static final int MIN_CALLS_PER_ROUND = 5;
    private static final int MAX_CALLS_PER_ROUND = 20_000;

    private final double secondsPerCell;

    /**
     * @param secondsPerCell roughly how long each runtime's calls of one batch size are timed
     */
    public LatencyProbe(double secondsPerCell) {
        this.secondsPerCell = secondsPerCell;
    }

    /**
     * Measures every runtime at every batch size.
     *
     * @param runtimes the runtimes, all serving {@code network}
     * @param network  the network
     * @param batches  rows per call, e.g. 1, 8, 32, 256
     * @return one latency per runtime and batch size, batch by batch
     */
    public List<Latency> measure(List<ServingRuntime> runtimes, ServingNetwork network, int[] batches) {
        List<Latency> latencies = new ArrayList<>();
        for (int batch : batches) {
            float[][] rows = Requests.rows(network.inputs(), batch, 1000L + batch);
            List<ServingRuntime.Call[]> calls = new ArrayList<>();
            int[] perRound = new int[runtimes.size()];
            for (int r = 0; r < runtimes.size(); r++) {
                ServingRuntime runtime = runtimes.get(r);
                ServingRuntime.Call[] prepared = new ServingRuntime.Call[rows.length];
                for (int v = 0; v < rows.length; v++) {
                    prepared[v] = runtime.prepare(rows[v], batch);
                }
                calls.add(prepared);
                runtime.activate();
                double seconds = warmUp(prepared, Math.min(0.3, secondsPerCell / 2));
                perRound[r] = (int) Math.max(MIN_CALLS_PER_ROUND, Math.min(MAX_CALLS_PER_ROUND,
                        Math.round(secondsPerCell / ROUNDS / seconds)));
            }
            List<List<Double>> samples = new ArrayList<>();
            runtimes.forEach(runtime -> samples.add(new ArrayList<>()));
            float sink = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int r = 0; r < runtimes.size(); r++) {
                    runtimes.get(r).activate();
                    ServingRuntime.Call[] prepared = calls.get(r);
                    List<Double> into = samples.get(r);
                    for (int i = 0; i < perRound[r]; i++) {
                        ServingRuntime.Call call = prepared[i % prepared.length];
                        long start = System.nanoTime();
                        sink += call.run();
                        into.add((System.nanoTime() - start) / 1e3);
                    }
                }
            }
            if (sink == Float.MIN_VALUE) {
                System.err.print("");
            }
            for (int r = 0; r < runtimes.size(); r++) {
                ServingRuntime runtime = runtimes.get(r);
                latencies.add(Latency.of(runtime.name(), runtime.threads(), network.name(), batch, samples.get(r)));
            }
        }
        return latencies;
    }

    /** Runs the calls for about {@code seconds} (at least 3 calls); returns the seconds per call of the second half. */
    private static double warmUp(ServingRuntime.Call[] calls, double seconds) {
        long end = System.nanoTime() + (long) (seconds / 2 * 1e9);
        int i = 0;
        while (i < 3 || System.nanoTime() < end) {
            calls[i++ % calls.length].run();
        }
        long start = System.nanoTime();
        end = start + (long) (seconds / 2 * 1e9);
        int n = 0;
        while (n < 3 || System.nanoTime() < end) {
            calls[n++ % calls.length].run();
        }
        return (System.nanoTime() - start) / 1e9 / n;
    }
}
