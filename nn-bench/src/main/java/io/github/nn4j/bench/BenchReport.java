package io.github.nn4j.bench;

import io.github.nn4j.bench.WorkloadResult.RunnerResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run, as Markdown tables for people and as JSON with every figure.
 *
 * @param timestamp   when the run started (ISO-8601)
 * @param environment the settings it ran with
 * @param options     what was run
 * @param squareGemms the square GEMMs that give the peak
 * @param shapeGemms  each workload's own GEMM shapes, by workload label
 * @param results     one entry per workload
 * @param peakSource  which kernel's peak the results are measured against, and where it was measured
 * @param seconds     wall time of the whole run
 */
public record BenchReport(String timestamp, BenchEnvironment environment, BenchOptions options,
                          List<GemmProbe.Result> squareGemms, Map<String, List<GemmProbe.Result>> shapeGemms,
                          List<WorkloadResult> results, String peakSource, double seconds) {

    /**
     * The machine's "peak" for this run: the fastest timed chunk of any GEMM measured (square
     * sizes and the workloads' own shapes; on a shared machine the best chunk is the one least
     * disturbed).
     *
     * @param gemms the GEMM results
     * @return GFLOP/s
     */
    public static double peakOf(List<GemmProbe.Result> gemms) {
        return gemms.stream().mapToDouble(result -> result.gflops().max()).max().orElse(Double.NaN);
    }

    /** The main table: one row per workload and optimizer. */
    public String markdownTable() {
        StringBuilder md = new StringBuilder();
        md.append("| workload | optimizer | nn4j samples/s median [min–max] | GFLOP/s | % of best kernel's peak "
                + "| ideal samples/s | DL4J samples/s median [min–max] | numpy samples/s median [min–max] "
                + "| PyTorch samples/s median [min–max] | nn4j ÷ DL4J | nn4j ÷ numpy | nn4j ÷ PyTorch | nn4j off-heap MB |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (WorkloadResult r : results) {
            md.append("| ").append(r.workload().label())
                    .append(" | ").append(r.workload().optimizer()).append(' ').append(number(r.workload().learningRate()))
                    .append(" | ").append(samples(r.nn4j(), r.nn4jNote()))
                    .append(" | ").append(r.nn4j() == null ? "–" : fixed(r.nn4jGflops(), 1))
                    .append(" | ").append(r.nn4j() == null ? "–" : fixed(r.nn4jPercentOfPeak(), 1) + " %")
                    .append(" | ").append(grouped(r.idealSamplesPerSecond()))
                    .append(" | ").append(samples(r.dl4j(), r.dl4jNote()))
                    .append(" | ").append(peerSamples(r, PythonPeers.Peer.NUMPY))
                    .append(" | ").append(peerSamples(r, PythonPeers.Peer.PYTORCH))
                    .append(" | ").append(ratio(r.ratio()))
                    .append(" | ").append(ratio(r.ratio(PythonPeers.Peer.NUMPY)))
                    .append(" | ").append(ratio(r.ratio(PythonPeers.Peer.PYTORCH)))
                    .append(" | ").append(r.nn4j() == null ? "–" : fixed(r.nn4j().offHeapBytes() / 1048576.0, 1))
                    .append(" |\n");
        }
        return md.toString();
    }

    /**
     * How each Python peer ran (threads, OpenBLAS kernel, version), one line per peer and setting.
     *
     * @return the lines, or an empty text without peers
     */
    public String peerNotes() {
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (WorkloadResult r : results) {
            for (PythonPeers.PeerResult peer : r.peers()) {
                if (!peer.settings().equals("–")) {
                    notes.computeIfAbsent(peer.peer().label() + ": " + peer.settings(), key -> new ArrayList<>())
                            .add(r.workload().name() + "/" + r.workload().optimizer());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        notes.forEach((note, rows) -> text.append(note).append(" (").append(String.join(", ", rows)).append(")\n"));
        return text.toString();
    }

    /** The GEMM limit: square sizes and each workload's shapes. */
    public String gemmTable() {
        StringBuilder md = new StringBuilder("| GEMM (Nd4j.gemm into preallocated C) | GFLOP/s median [min–max] |\n|---|---:|\n");
        for (GemmProbe.Result result : squareGemms) {
            md.append("| ").append(result.label()).append(" | ").append(range(result.gflops(), 1)).append(" |\n");
        }
        shapeGemms.forEach((workload, shapes) -> {
            for (GemmProbe.Result result : shapes) {
                md.append("| ").append(workload.split(" ")[0]).append(": ").append(result.label())
                        .append(result.transA() ? " (Aᵀ)" : "").append(result.transB() ? " (Bᵀ)" : "")
                        .append(" | ").append(range(result.gflops(), 1)).append(" |\n");
            }
        });
        return md.toString();
    }

    /** Memory after warm-up and off-heap growth during the timed repetitions. */
    public String memoryTable() {
        StringBuilder md = new StringBuilder("| workload | optimizer | runner | steps/rep | off-heap added MB "
                + "| off-heap Δ over timed steps (bytes) | heap used MB | process RSS MB |\n|---|---|---|---:|---:|---:|---:|---:|\n");
        for (WorkloadResult r : results) {
            for (RunnerResult runner : new RunnerResult[] {r.nn4j(), r.dl4j()}) {
                if (runner == null) {
                    continue;
                }
                md.append("| ").append(r.workload().name()).append(" | ").append(r.workload().optimizer())
                        .append(" | ").append(runner == r.nn4j() ? "nn4j" : "DL4J")
                        .append(" | ").append(runner.stepsPerRep())
                        .append(" | ").append(fixed(runner.offHeapBytes() / 1048576.0, 1))
                        .append(" | ").append(runner.offHeapGrowthBytes())
                        .append(" over ").append(runner.stepsPerRep() * runner.samplesPerSecond().samples().size())
                        .append(" | ").append(fixed(runner.heapBytes() / 1048576.0, 1))
                        .append(" | ").append(fixed(runner.physicalBytes() / 1048576.0, 0))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** The settings, one line each. */
    public String header() {
        return header(environment, options);
    }

    /**
     * The settings, one line each.
     *
     * @param environment the machine and thread settings
     * @param options     what is run
     * @return the text
     */
    public static String header(BenchEnvironment environment, BenchOptions options) {
        StringBuilder text = new StringBuilder();
        environment.settings().forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        text.append("mode: ").append(options.quick() ? "quick" : "full")
                .append(String.format(Locale.ROOT, " (warm-up %.1f s, %d reps of ~%.2f s per runner, %d batches, seed %d)%n",
                        options.warmUpSeconds(), options.reps(), options.secondsPerRep(), options.batchCount(), options.seed()));
        return text.toString();
    }

    /** Every figure, as a JSON document. */
    public String toJson() {
        return Json.write(toJsonMap());
    }

    /** Every figure, as maps and lists in the order of the JSON document. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("timestamp", timestamp);
        root.put("environment", environment.settings());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", options.quick() ? "quick" : "full");
        settings.put("warmUpSeconds", options.warmUpSeconds());
        settings.put("secondsPerRep", options.secondsPerRep());
        settings.put("reps", options.reps());
        settings.put("batchCount", options.batchCount());
        settings.put("seed", options.seed());
        settings.put("gemmSecondsPerShape", options.gemmSeconds());
        root.put("settings", settings);
        root.put("peakGflops", peakOf(squareGemms));
        root.put("bestKernelPeakGflops", results.isEmpty() ? Double.NaN : results.get(0).peakGflops());
        root.put("bestKernelPeakSource", peakSource);
        root.put("gemmSquares", squareGemms.stream().map(BenchReport::gemmJson).toList());
        Map<String, Object> shapes = new LinkedHashMap<>();
        shapeGemms.forEach((workload, list) -> shapes.put(workload, list.stream().map(BenchReport::gemmJson).toList()));
        root.put("gemmWorkloadShapes", shapes);
        List<Object> rows = new ArrayList<>();
        for (WorkloadResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", r.workload().name());
            row.put("label", r.workload().label());
            row.put("sizes", r.workload().sizes());
            row.put("batchSize", r.workload().batchSize());
            row.put("optimizer", r.workload().optimizer());
            row.put("learningRate", r.workload().learningRate());
            row.put("trainingFlopsPerSample", r.workload().flopsPerSample());
            row.put("idealSamplesPerSecond", r.idealSamplesPerSecond());
            row.put("nn4j", runnerJson(r.nn4j(), r.nn4jNote()));
            row.put("nn4jGflops", r.nn4jGflops());
            row.put("nn4jPercentOfPeak", r.nn4jPercentOfPeak());
            row.put("dl4j", runnerJson(r.dl4j(), r.dl4jNote()));
            row.put("nn4jOverDl4j", r.ratio());
            for (PythonPeers.PeerResult peer : r.peers()) {
                Map<String, Object> json = new LinkedHashMap<>();
                if (peer.samplesPerSecond() != null) {
                    json.put("samplesPerSecond", statsJson(peer.samplesPerSecond()));
                }
                json.put(peer.samplesPerSecond() != null ? "settings" : "note", peer.settings());
                row.put(peer.peer().name().toLowerCase(java.util.Locale.ROOT), json);
                String label = peer.peer().label();
                row.put("nn4jOver" + Character.toUpperCase(label.charAt(0)) + label.substring(1), r.ratio(peer.peer()));
            }
            rows.add(row);
        }
        root.put("results", rows);
        root.put("wallSeconds", seconds);
        return root;
    }

    private static Map<String, Object> gemmJson(GemmProbe.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", result.label());
        json.put("m", result.m());
        json.put("k", result.k());
        json.put("n", result.n());
        json.put("transA", result.transA());
        json.put("transB", result.transB());
        json.put("order", String.valueOf(result.order()));
        json.put("gflops", statsJson(result.gflops()));
        return json;
    }

    private static Map<String, Object> runnerJson(RunnerResult runner, String note) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (runner == null) {
            json.put("note", note);
            return json;
        }
        json.put("samplesPerSecond", statsJson(runner.samplesPerSecond()));
        json.put("stepsPerRep", runner.stepsPerRep());
        json.put("offHeapBytesAddedByWarmUp", runner.offHeapBytes());
        json.put("offHeapGrowthBytesOverTimedSteps", runner.offHeapGrowthBytes());
        json.put("processResidentBytesAfterWarmUp", runner.physicalBytes());
        json.put("heapBytesAfterWarmUp", runner.heapBytes());
        return json;
    }

    private static Map<String, Object> statsJson(Stats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("median", stats.median());
        json.put("min", stats.min());
        json.put("max", stats.max());
        json.put("samples", stats.samples());
        return json;
    }

    private static String samples(RunnerResult runner, String note) {
        if (runner == null) {
            return note;
        }
        Stats stats = runner.samplesPerSecond();
        return grouped(stats.median()) + " [" + grouped(stats.min()) + "–" + grouped(stats.max()) + "]";
    }

    private static String peerSamples(WorkloadResult r, PythonPeers.Peer peer) {
        return r.peers().stream().filter(result -> result.peer() == peer).findFirst()
                .map(result -> result.samplesPerSecond() == null ? result.settings() : grouped(result.samplesPerSecond().median())
                        + " [" + grouped(result.samplesPerSecond().min()) + "–" + grouped(result.samplesPerSecond().max()) + "]")
                .orElse("–");
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "–" : fixed(value, 2) + "×";
    }

    private static String range(Stats stats, int decimals) {
        return fixed(stats.median(), decimals) + " [" + fixed(stats.min(), decimals) + "–" + fixed(stats.max(), decimals) + "]";
    }

    private static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
