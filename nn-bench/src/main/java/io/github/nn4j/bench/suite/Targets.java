package io.github.nn4j.bench.suite;

import io.github.nn4j.bench.FashionRace;
import io.github.nn4j.bench.PythonPeers;
import io.github.nn4j.bench.WorkloadResult;
import io.github.nn4j.bench.serving.Latency;
import io.github.nn4j.bench.serving.ServingResults;
import io.github.nn4j.bench.serving.ServingUnderTraining;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The targets of issue 23, each computed from one run's figures: measured value, what is needed,
 * and met or missed ("not measured" where a part did not run).
 *
 * @param rows one per target
 */
public record Targets(List<Row> rows) {

    /** Heap growth over the serving-while-training calls still counted as flat. */
    static final long FLAT_HEAP_BYTES = 16L << 20;
    /** ND4J off-heap growth over those calls still counted as flat. */
    static final long FLAT_OFF_HEAP_BYTES = 1L << 20;

    /**
     * One target.
     *
     * @param target   what is compared, e.g. {@code predict Fashion b1 p50: nn4j float[] ÷ ONNX Runtime (1 thread)}
     * @param measured the measured value, or NaN
     * @param needed   e.g. {@code ≤ 0.50}
     * @param met      whether it is met; {@code null} when not measured
     */
    public record Row(String target, double measured, String needed, Boolean met) {
    }

    /**
     * Computes every target the run has figures for.
     *
     * @param serving  the serving figures, or {@code null}
     * @param training the training figures (may be empty)
     * @return the targets
     */
    public static Targets of(ServingResults serving, List<WorkloadResult> training) {
        return of(serving, training, null);
    }

    /**
     * Computes every target the run has figures for.
     *
     * @param serving  the serving figures, or {@code null}
     * @param training the training figures (may be empty)
     * @param fashion  the Fashion-MNIST race, or {@code null}
     * @return the targets
     */
    public static Targets of(ServingResults serving, List<WorkloadResult> training, FashionRace fashion) {
        List<Row> rows = new ArrayList<>();
        if (fashion != null) {
            rows.add(atLeast("Fashion-MNIST, demo's default recipe: nn4j test accuracy", fashion.nn4jAccuracy(), 0.90));
            rows.add(new Row("Fashion-MNIST: nn4j's time to that accuracy ÷ PyTorch's 10-epoch reference",
                    fashion.timeRatio(), "< 1.00", Double.isNaN(fashion.timeRatio()) ? null : fashion.timeRatio() < 1.0));
        }
        if (serving != null) {
            servingTargets(serving, rows);
        }
        if (!training.isEmpty()) {
            trainingTargets(training, rows);
        }
        return new Targets(rows);
    }

    private static void servingTargets(ServingResults s, List<Row> rows) {
        String net = "Fashion";
        OptionalDouble nn4j1 = p50(s, net, "nn4j float[]", "1", 1);
        rows.add(atMost("predict Fashion b1 p50, 1 thread: nn4j float[] ÷ ONNX Runtime", ratio(nn4j1, p50(s, net, "ONNX Runtime", "1", 1)), 0.5));
        rows.add(below("predict Fashion b1 p50, 1 thread: nn4j float[] ÷ PyTorch", ratio(nn4j1, p50(s, net, "PyTorch", "1", 1))));
        rows.add(below("predict Fashion b1 p50, 1 thread: nn4j float[] ÷ numpy", ratio(nn4j1, p50(s, net, "numpy", "1", 1))));
        for (int batch : new int[] {8, 32, 256}) {
            OptionalDouble fastest = min(p50(s, net, "ONNX Runtime", "1", batch), p50(s, net, "PyTorch", "1", batch),
                    p50(s, net, "numpy", "1", batch));
            rows.add(atMost("predict Fashion b" + batch + " p50, 1 thread: nn4j float[] ÷ fastest of ONNX Runtime, "
                    + "PyTorch, numpy", ratio(p50(s, net, "nn4j float[]", "1", batch), fastest), 1.0));
        }
        rows.add(atMost("predict Fashion b256 p50, default threads: nn4j float[] ÷ ONNX Runtime",
                ratio(p50(s, net, "nn4j float[]", "default", 256), p50(s, net, "ONNX Runtime", "default", 256)), 1.0));
        Optional<ServingUnderTraining> nn4j = s.underTraining().stream().filter(u -> u.runtime().startsWith("nn4j")).findFirst();
        Optional<ServingUnderTraining> ort = s.underTraining().stream().filter(u -> u.runtime().startsWith("ONNX")).findFirst();
        rows.add(atLeast("serving while training, callers = cores: nn4j ÷ ONNX Runtime predictions/s",
                nn4j.isPresent() && ort.isPresent() ? nn4j.get().predictionsPerSecond() / ort.get().predictionsPerSecond()
                        : Double.NaN, 1.5));
        rows.add(atMost("serving while training: nn4j p99 ÷ p50",
                nn4j.map(u -> u.p99Micros() / u.p50Micros()).orElse(Double.NaN), 5.0));
        rows.add(nn4j.map(u -> new Row("serving while training: nn4j heap and off-heap growth over "
                        + String.format(Locale.ROOT, "%,d", u.predictions()) + " predictions (MB heap; off-heap bytes)",
                        (u.heapAfter() - u.heapBefore()) / 1e6, String.format(Locale.ROOT, "heap ≤ %d MB, off-heap ≤ %d MB "
                        + "(off-heap Δ %+,d bytes)", FLAT_HEAP_BYTES >> 20, FLAT_OFF_HEAP_BYTES >> 20,
                        u.offHeapAfter() - u.offHeapBefore()), u.heapAfter() - u.heapBefore() <= FLAT_HEAP_BYTES
                        && u.offHeapAfter() - u.offHeapBefore() <= FLAT_OFF_HEAP_BYTES))
                .orElse(new Row("serving while training: memory flat", Double.NaN, "flat", null)));
    }

    private static void trainingTargets(List<WorkloadResult> training, List<Row> rows) {
        peer(training, "S", "sgd", PythonPeers.Peer.NUMPY, 1.2, rows);
        peer(training, "S", "sgd", PythonPeers.Peer.PYTORCH, 1.5, rows);
        peer(training, "S", "adam", PythonPeers.Peer.PYTORCH, 3.0, rows);
        peer(training, "M", "sgd", PythonPeers.Peer.NUMPY, 1.1, rows);
        peer(training, "L", "sgd", PythonPeers.Peer.NUMPY, 1.0, rows);
        peer(training, "L", "sgd", PythonPeers.Peer.PYTORCH, 1.0, rows);
        for (String optimizer : new String[] {"sgd", "adam"}) {
            find(training, "L", optimizer).ifPresent(r -> rows.add(atLeast("train L " + optimizer
                    + ": % of the run's GEMM peak", r.nn4jPercentOfPeak(), 95.0)));
        }
        for (WorkloadResult r : training) {
            rows.add(atLeast("train " + r.workload().name() + " " + r.workload().optimizer() + ": nn4j ÷ DL4J",
                    r.ratio(), 2.0));
        }
    }

    private static void peer(List<WorkloadResult> training, String name, String optimizer, PythonPeers.Peer peer,
                             double needed, List<Row> rows) {
        find(training, name, optimizer).ifPresent(r -> rows.add(atLeast("train " + name + " " + optimizer + ": nn4j ÷ "
                + peer.label(), r.ratio(peer), needed)));
    }

    private static Optional<WorkloadResult> find(List<WorkloadResult> training, String name, String optimizer) {
        return training.stream().filter(r -> r.workload().name().equals(name) && r.workload().optimizer().equals(optimizer))
                .findFirst();
    }

    private static OptionalDouble p50(ServingResults s, String network, String runtime, String threads, int batch) {
        Optional<Latency> latency = s.latency(network, runtime, threads, batch);
        return latency.map(l -> OptionalDouble.of(l.p50Micros())).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble min(OptionalDouble... values) {
        OptionalDouble least = OptionalDouble.empty();
        for (OptionalDouble value : values) {
            if (value.isPresent() && (least.isEmpty() || value.getAsDouble() < least.getAsDouble())) {
                least = value;
            }
        }
        return least;
    }

    private static double ratio(OptionalDouble numerator, OptionalDouble denominator) {
        return numerator.isPresent() && denominator.isPresent() ? numerator.getAsDouble() / denominator.getAsDouble()
                : Double.NaN;
    }

    private static Row atMost(String target, double measured, double limit) {
        return new Row(target, measured, String.format(Locale.ROOT, "≤ %.2f", limit),
                Double.isNaN(measured) ? null : measured <= limit);
    }

    private static Row below(String target, double measured) {
        return new Row(target, measured, "< 1.00", Double.isNaN(measured) ? null : measured < 1.0);
    }

    private static Row atLeast(String target, double measured, double limit) {
        return new Row(target, measured, String.format(Locale.ROOT, "≥ %.2f", limit),
                Double.isNaN(measured) ? null : measured >= limit);
    }

    /** The targets as a Markdown table. */
    public String markdownTable() {
        StringBuilder md = new StringBuilder("| target | measured | needed | |\n|---|---:|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.target()).append(" | ")
                    .append(Double.isNaN(row.measured()) ? "–" : String.format(Locale.ROOT,
                            row.target().endsWith("test accuracy") ? "%.4f" : "%.2f", row.measured()))
                    .append(" | ").append(row.needed()).append(" | ")
                    .append(row.met() == null ? "not measured" : row.met() ? "met" : "**missed**").append(" |\n");
        }
        return md.toString();
    }

    /** The targets for the JSON file. */
    public List<Object> toJson() {
        List<Object> json = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("target", row.target());
            entry.put("measured", row.measured());
            entry.put("needed", row.needed());
            entry.put("met", row.met());
            json.add(entry);
        }
        return json;
    }
}
