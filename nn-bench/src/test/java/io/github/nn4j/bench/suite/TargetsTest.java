package io.github.nn4j.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.nn4j.bench.serving.Latency;
import io.github.nn4j.bench.serving.ServingNetwork;
import io.github.nn4j.bench.serving.ServingResults;
import io.github.nn4j.bench.serving.ServingUnderTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The targets are the right ratios of the right figures, and say met, missed or not measured. */
class TargetsTest {

    @Test
    void servingTargetsCompareNn4jWithTheRightPeerAtEachBatchSize() {
        List<Latency> latencies = new ArrayList<>();
        for (int batch : new int[] {1, 8, 32, 256}) {
            latencies.add(new Latency("nn4j float[]", "1", "Fashion", batch, 10 * batch, 30 * batch, 100));
            latencies.add(new Latency("nn4j float[]", "default (2)", "Fashion", batch, 6 * batch, 30 * batch, 100));
            latencies.add(new Latency("ONNX Runtime", "1", "Fashion", batch, 25 * batch, 30 * batch, 100));
            latencies.add(new Latency("ONNX Runtime", "default", "Fashion", batch, 5 * batch, 30 * batch, 100));
            latencies.add(new Latency("PyTorch", "1", "Fashion", batch, 8 * batch, 30 * batch, 100));
            latencies.add(new Latency("numpy", "1", "Fashion", batch, 12 * batch, 30 * batch, 100));
        }
        ServingUnderTraining nn4j = new ServingUnderTraining("nn4j float[]", "1", 2, 1000, 30_000, 10, 40, 5, 100, 100,
                200, 200, 0, 0);
        ServingUnderTraining ort = new ServingUnderTraining("ONNX Runtime", "1", 2, 1000, 25_000, 10, 40, 5, 0, 0, 0, 0, 0, 0);
        ServingResults results = new ServingResults(List.of(ServingNetwork.FASHION), new int[] {1, 8, 32, 256},
                latencies, List.of(), List.of(nn4j, ort), List.of());
        Map<String, Targets.Row> rows = byTarget(Targets.of(results, List.of()));
        Targets.Row b1 = rows.get("predict Fashion b1 p50, 1 thread: nn4j float[] ÷ ONNX Runtime");
        assertEquals(0.4, b1.measured(), 1e-12);
        assertEquals(true, b1.met());
        assertEquals(false, rows.get("predict Fashion b1 p50, 1 thread: nn4j float[] ÷ PyTorch").met());   // 10 vs 8
        // the fastest peer at batch 8 is PyTorch (64 µs): 80 ÷ 64
        assertEquals(1.25, rows.get("predict Fashion b8 p50, 1 thread: nn4j float[] ÷ fastest of ONNX Runtime, "
                + "PyTorch, numpy").measured(), 1e-12);
        assertEquals(1.2, rows.get("predict Fashion b256 p50, default threads: nn4j float[] ÷ ONNX Runtime").measured(), 1e-12);
        assertEquals(1.2, rows.get("serving while training, callers = cores: nn4j ÷ ONNX Runtime predictions/s").measured(), 1e-12);
        assertEquals(true, rows.get("serving while training: nn4j p99 ÷ p50").met());
    }

    @Test
    void missingFiguresAreNotMeasuredRatherThanMissed() {
        ServingResults empty = new ServingResults(List.of(ServingNetwork.FASHION), new int[] {1}, List.of(), List.of(),
                List.of(), List.of());
        for (Targets.Row row : Targets.of(empty, List.of()).rows()) {
            assertNull(row.met(), row.target());
        }
        assertEquals(0, Targets.of(null, List.of()).rows().size());
    }

    private static Map<String, Targets.Row> byTarget(Targets targets) {
        Map<String, Targets.Row> rows = new java.util.LinkedHashMap<>();
        targets.rows().forEach(row -> rows.put(row.target(), row));
        return rows;
    }
}
