package io.github.nn4j.bench.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The serving results as Markdown tables and as JSON-ready maps. */
public final class ServingReport {

    private final ServingResults results;

    /**
     * @param results the figures
     */
    public ServingReport(ServingResults results) {
        this.results = results;
    }

    /**
     * One row per network and runtime: p50 / p99 µs at each batch size on one caller thread, and
     * predictions per second with as many callers as cores.
     *
     * @return the table
     */
    public String latencyTable() {
        StringBuilder md = new StringBuilder("| network | runtime | threads |");
        for (int batch : results.batches()) {
            md.append(" batch ").append(batch).append(" p50 / p99 µs |");
        }
        md.append(" predictions/s, callers = cores, 1 row per call |\n|---|---|---|");
        md.append("---:|".repeat(results.batches().length)).append("---:|\n");
        for (ServingNetwork network : results.networks()) {
            Set<String> rows = new LinkedHashSet<>();
            results.latencies().stream().filter(l -> l.network().equals(network.name())).forEach(l -> rows.add(l.row()));
            for (String row : rows) {
                String[] parts = row.split("\\|", 2);
                md.append("| ").append(network.label()).append(" | ").append(parts[0]).append(" | ").append(parts[1]).append(" |");
                for (int batch : results.batches()) {
                    md.append(' ').append(results.latency(network.name(), parts[0], parts[1], batch)
                            .map(l -> micros(l.p50Micros()) + " / " + micros(l.p99Micros())).orElse("–")).append(" |");
                }
                md.append(' ').append(results.throughput(network.name(), parts[0], parts[1])
                        .map(t -> String.format(Locale.ROOT, "%,.0f", t.predictionsPerSecond())
                                + (parts[0].startsWith("nn4j") || parts[0].startsWith("ONNX") ? "" : " (processes)"))
                        .orElse("–")).append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * Serving while a trainer publishes snapshots, one row per runtime.
     *
     * @return the table, or an empty text when that part did not run
     */
    public String underTrainingTable() {
        if (results.underTraining().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("| runtime | threads | callers | predictions | predictions/s | p50 µs "
                + "| p99 µs | p99 ÷ p50 | snapshots published | heap MB before → after | ND4J off-heap MB before → after "
                + "(Δ bytes) | resident MB before → after |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (ServingUnderTraining s : results.underTraining()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %,.0f | %s | %s | %.1f | %,d | %.1f → %.1f "
                            + "| %.1f → %.1f (%+,d) | %.0f → %.0f |%n", s.runtime(), s.threads(), s.callers(),
                    s.predictions(), s.predictionsPerSecond(), micros(s.p50Micros()), micros(s.p99Micros()),
                    s.p99Micros() / s.p50Micros(), s.snapshots(), s.heapBefore() / 1e6, s.heapAfter() / 1e6,
                    s.offHeapBefore() / 1e6, s.offHeapAfter() / 1e6, s.offHeapAfter() - s.offHeapBefore(),
                    s.residentBefore() / 1e6, s.residentAfter() / 1e6));
        }
        return md.toString();
    }

    /** The notes: peers skipped or failed. */
    public String notes() {
        StringBuilder text = new StringBuilder();
        results.notes().forEach(note -> text.append(note).append('\n'));
        return text.toString();
    }

    /** Every figure, as maps and lists for the JSON file. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> networks = new ArrayList<>();
        results.networks().forEach(n -> networks.add(Map.of("name", n.name(), "sizes", n.sizes())));
        root.put("networks", networks);
        List<Object> latencies = new ArrayList<>();
        for (Latency l : results.latencies()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("network", l.network());
            json.put("runtime", l.runtime());
            json.put("threads", l.threads());
            json.put("batch", l.batch());
            json.put("p50Micros", l.p50Micros());
            json.put("p99Micros", l.p99Micros());
            json.put("calls", l.calls());
            latencies.add(json);
        }
        root.put("latency", latencies);
        List<Object> throughputs = new ArrayList<>();
        for (Throughput t : results.throughputs()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("network", t.network());
            json.put("runtime", t.runtime());
            json.put("threads", t.threads());
            json.put("callers", t.callers());
            json.put("predictionsPerSecond", t.predictionsPerSecond());
            throughputs.add(json);
        }
        root.put("throughput", throughputs);
        List<Object> underTraining = new ArrayList<>();
        for (ServingUnderTraining s : results.underTraining()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("runtime", s.runtime());
            json.put("threads", s.threads());
            json.put("callers", s.callers());
            json.put("predictions", s.predictions());
            json.put("predictionsPerSecond", s.predictionsPerSecond());
            json.put("p50Micros", s.p50Micros());
            json.put("p99Micros", s.p99Micros());
            json.put("snapshotsPublished", s.snapshots());
            json.put("heapBytesBefore", s.heapBefore());
            json.put("heapBytesAfter", s.heapAfter());
            json.put("offHeapBytesBefore", s.offHeapBefore());
            json.put("offHeapBytesAfter", s.offHeapAfter());
            json.put("residentBytesBefore", s.residentBefore());
            json.put("residentBytesAfter", s.residentAfter());
            underTraining.add(json);
        }
        root.put("whileTraining", underTraining);
        root.put("notes", results.notes());
        return root;
    }

    private static String micros(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
