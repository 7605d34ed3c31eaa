package io.github.nn4j.bench.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nn4j.model.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The serving benchmark's parts on a tiny network: every runtime predicts the same numbers, the
 * probes measure every runtime and batch size, the Python peers (where installed) predict nn4j's
 * numbers and report in the form the benchmark reads, and the report has a row per runtime. Not timed.
 */
class ServingBenchTest {

    private static final ServingNetwork TINY = new ServingNetwork("tiny", List.of(20, 16, 4));

    @Test
    void everyJavaRuntimePredictsTheSameNumbers() {
        Sequential model = TINY.build();
        float[] rows = Requests.rows(20, 3, 7)[0];
        float[] expected = new float[12];
        model.predictor().predict(rows, expected);
        List<ServingRuntime> runtimes = runtimes(model);
        try {
            for (ServingRuntime runtime : runtimes) {
                runtime.activate();
                assertEquals(expected[0], runtime.prepare(rows, 3).run(), 1e-6, runtime.name() + " " + runtime.threads());
            }
        } finally {
            runtimes.forEach(ServingRuntime::close);
        }
    }

    @Test
    void theProbesMeasureEveryRuntimeAndBatchSize() throws InterruptedException {
        Sequential model = TINY.build();
        List<ServingRuntime> runtimes = runtimes(model);
        try {
            List<Latency> latencies = new LatencyProbe(0.02).measure(runtimes, TINY, new int[] {1, 8});
            assertEquals(runtimes.size() * 2, latencies.size());
            for (Latency latency : latencies) {
                assertTrue(latency.p50Micros() > 0 && latency.p99Micros() >= latency.p50Micros(), latency.toString());
                assertTrue(latency.calls() >= 50, latency.toString());
            }
            Throughput throughput = new ThroughputProbe(0.05).measure(runtimes.get(0), TINY, 2);
            assertEquals(2, throughput.callers());
            assertTrue(throughput.predictionsPerSecond() > 0);
        } finally {
            runtimes.forEach(ServingRuntime::close);
        }
    }

    @Test
    void thePythonPeersPredictNn4jsNumbersAndReportLatencyAndThroughput() throws Exception {
        PythonServingPeers peers = PythonServingPeers.find();
        Sequential model = TINY.build();
        Path weights = Files.createTempFile("serving-test", ".npz");
        try {
            PythonServingPeers.writeWeights(model, weights);
            for (PythonServingPeers.Peer peer : PythonServingPeers.Peer.values()) {
                if (peers.unavailable(peer).isPresent()) {
                    continue;
                }
                PythonServingPeers.Result result = peers.run(peer, TINY, weights, new int[] {1, 8}, true, 0.02, 0.3);
                assertNull(result.note());
                assertNull(PythonServingPeers.compare(model, result.check()), peer.label());
                assertEquals(List.of(1, 8), result.latencies().stream().map(Latency::batch).toList());
                assertTrue(result.throughput().predictionsPerSecond() > 0);
            }
            assumeTrue(peers.unavailable(PythonServingPeers.Peer.NUMPY).isEmpty(), "numpy is not installed");
        } finally {
            Files.deleteIfExists(weights);
        }
    }

    @Test
    void theReportHasARowPerRuntimeAndAColumnPerBatchSize() {
        List<Latency> latencies = new ArrayList<>();
        for (int batch : new int[] {1, 8}) {
            latencies.add(new Latency("nn4j float[]", "1", "tiny", batch, 10 * batch, 20 * batch, 100));
            latencies.add(new Latency("ONNX Runtime", "1", "tiny", batch, 12 * batch, 30 * batch, 100));
        }
        ServingResults results = new ServingResults(List.of(TINY), new int[] {1, 8}, latencies,
                List.of(new Throughput("nn4j float[]", "1", "tiny", 2, 12345)), List.of(), List.of());
        String table = new ServingReport(results).latencyTable();
        assertTrue(table.contains("| tiny 20-16-4 | nn4j float[] | 1 | 10.0 / 20.0 | 80.0 / 160 | 12,345 |"), table);
        assertTrue(table.contains("| tiny 20-16-4 | ONNX Runtime | 1 | 12.0 / 30.0 | 96.0 / 240 | – |"), table);
    }

    private static List<ServingRuntime> runtimes(Sequential model) {
        return List.of(new Nn4jServing(model, true, 1), new Nn4jServing(model, false, 1),
                new Nn4jServing(model, true, Nn4jServing.defaultBlasThreads()), new OrtServing(model, true),
                new OrtServing(model, false));
    }
}
