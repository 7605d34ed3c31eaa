package io.github.nn4j.bench.suite;

import io.github.nn4j.bench.BenchEnvironment;
import io.github.nn4j.bench.BenchOptions;
import io.github.nn4j.bench.BenchReport;
import io.github.nn4j.bench.FashionRace;
import io.github.nn4j.bench.GemmProbe;
import io.github.nn4j.bench.Json;
import io.github.nn4j.bench.KernelProbe;
import io.github.nn4j.bench.PythonPeers;
import io.github.nn4j.bench.Workload;
import io.github.nn4j.bench.WorkloadBench;
import io.github.nn4j.bench.WorkloadResult;
import io.github.nn4j.bench.serving.OrtServing;
import io.github.nn4j.bench.serving.ServingBench;
import io.github.nn4j.bench.serving.ServingNetwork;
import io.github.nn4j.bench.serving.ServingReport;
import io.github.nn4j.bench.serving.ServingResults;
import io.github.nn4j.platform.Nn4jPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark suite, one command for everything: prints the settings; measures serving
 * ({@link ServingBench}: prediction latency on one caller thread at batch 1, 8, 32 and 256 and
 * throughput with as many callers as cores, for the Fashion-MNIST model and S, M, L, nn4j beside
 * ONNX Runtime, numpy and PyTorch; then serving while a trainer publishes snapshots); then the
 * GEMM limit and each training workload with nn4j and DL4J interleaved and the Python peers; races
 * the Fashion-MNIST demo's default recipe against PyTorch's reference script ({@link FashionRace});
 * prints the serving table, the training table and every target's ratio ({@link Targets}), and
 * writes a JSON file with every figure.
 *
 * <p>Percentages are of the GEMM peak of the best kernel for this CPU: this run's own peak when it
 * runs that kernel, otherwise measured in a child JVM.
 *
 * <p>From the repository root, the full suite (about ten minutes) and the quick mode, building
 * nn-core in the same reactor (nothing is installed); no environment prefix is needed (nn4j sets
 * its native settings itself, and the POM passes {@code -Dnn4j.blas.coretype=auto}):
 * <pre>
 * mvn -q -pl nn-bench -am compile exec:java@bench
 * mvn -q -pl nn-bench -am compile exec:java@bench -Dexec.args="--quick"
 * </pre>
 * {@code --help} lists the options, e.g. {@code --no-serving}, {@code --serving Fashion},
 * {@code --layers 784,256,10 --batch 64 --optimizer sgd --lr 0.05}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the suite.
     *
     * @param args see {@link BenchOptions#USAGE}
     * @throws IOException          if the JSON file cannot be written
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        BenchOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(BenchOptions.USAGE);
                return;
            }
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        LocalDateTime now = LocalDateTime.now();

        BenchEnvironment environment = BenchEnvironment.current();
        System.out.println("# nn-bench " + now.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        System.out.print(BenchReport.header(environment, options));
        if (!options.servingNetworks().isEmpty()) {
            System.out.println("ONNX Runtime (Java): " + OrtServing.version());
        }
        if (!BenchEnvironment.passiveWaitPolicy()) {
            System.out.println("WARNING: OMP_WAIT_POLICY is not PASSIVE; idle OpenMP threads will spin and "
                    + "steal cores from BLAS, and every figure below will be too low.");
        }
        System.out.println();

        FashionRace fashion = options.fashionRounds() > 0 ? FashionRace.run(options.fashionRounds(), BenchMain::progress)
                : null;
        ServingResults serving = null;
        if (!options.servingNetworks().isEmpty()) {
            serving = new ServingBench(ServingBench.Settings.of(options.quick(),
                    ServingNetwork.named(options.servingNetworks()), options.runPeers()), BenchMain::progress).run();
        }
        TrainingRun training = options.runTraining() ? train(options) : TrainingRun.none();

        BenchReport report = new BenchReport(now.toString(), environment, options, training.squares(),
                training.shapes(), training.results(), training.peakSource(), (System.nanoTime() - start) / 1e9);
        Targets targets = Targets.of(serving, training.results(), fashion);
        Map<String, Object> json = report.toJsonMap();
        if (serving != null) {
            ServingReport servingReport = new ServingReport(serving);
            System.out.println();
            System.out.println("## Serving: p50 / p99 of single calls on one caller thread, and throughput");
            System.out.println();
            System.out.println(servingReport.latencyTable());
            System.out.println("## Serving while a trainer publishes snapshots (Fashion model, callers = cores)");
            System.out.println();
            System.out.println(servingReport.underTrainingTable());
            System.out.print(servingReport.notes());
            json.put("serving", servingReport.toJson());
        }
        if (options.runTraining()) {
            System.out.println();
            System.out.println("## Training: samples per second");
            System.out.println();
            System.out.println("GEMM peak of the best kernel: " + training.peakSource());
            System.out.println();
            System.out.println(report.markdownTable());
            System.out.print(report.peerNotes());
            System.out.println();
            System.out.println(report.gemmTable());
            System.out.println(report.memoryTable());
        }
        if (fashion != null) {
            System.out.println("## Fashion-MNIST: wall time to test accuracy, nn4j's demo recipe against PyTorch's reference");
            System.out.println();
            System.out.println(fashion.markdown());
            json.put("fashionMnist", Map.of("recipe", fashion.recipe(), "nn4jSeconds", fashion.nn4jSeconds(),
                    "nn4jTestAccuracy", fashion.nn4jAccuracy(), "pytorchSeconds", fashion.torchSeconds(),
                    "pytorchTestAccuracy", fashion.torchAccuracy(), "note", String.valueOf(fashion.note())));
        }
        System.out.println("## Targets (issue 23), from this run");
        System.out.println();
        System.out.println(targets.markdownTable());
        json.put("targets", targets.toJson());
        Path output = options.output() != null ? options.output()
                : defaultOutputDirectory().resolve("bench-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, Json.write(json));
        System.out.printf(Locale.ROOT, "JSON: %s (%.0f s in all)%n", output, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The training half's figures.
     *
     * @param squares    the square GEMMs
     * @param shapes     each workload's GEMM shapes
     * @param results    one per workload
     * @param peakSource where the peak comes from
     */
    private record TrainingRun(List<GemmProbe.Result> squares, Map<String, List<GemmProbe.Result>> shapes,
                               List<WorkloadResult> results, String peakSource) {
        static TrainingRun none() {
            return new TrainingRun(List.of(), Map.of(), List.of(), "not measured (--no-training)");
        }
    }

    /** The GEMM limit, then every workload with nn4j, DL4J and the Python peers. */
    private static TrainingRun train(BenchOptions options) {
        GemmProbe probe = new GemmProbe(options.gemmSeconds());
        progress("GEMM squares " + options.squareSizes());
        List<GemmProbe.Result> squares = probe.squares(options.squareSizes());
        Map<String, List<GemmProbe.Result>> shapes = new LinkedHashMap<>();
        for (Workload workload : options.workloads()) {
            shapes.computeIfAbsent(workload.label(), label -> {
                progress("GEMM shapes of " + label);
                return probe.workloadShapes(workload);
            });
        }
        // The best chunk of every GEMM measured: on a shared machine a single probe can catch a slow moment.
        List<GemmProbe.Result> all = new ArrayList<>(squares);
        shapes.values().forEach(all::addAll);
        double runPeak = BenchReport.peakOf(all);
        String kernel = Nn4jPlatform.activeKernel().orElse("?");
        String best = Nn4jPlatform.plan().bestKernel();
        double peak = runPeak;
        String peakSource = String.format(Locale.ROOT, "%.1f GFLOP/s, best chunk of any GEMM measured in this run (%s)",
                runPeak, kernel);
        if (best != null && !best.equalsIgnoreCase(kernel)) {
            progress("GEMM peak of " + best + " in a child JVM (this run uses " + kernel + ")");
            KernelProbe.Measurement bestKernel = KernelProbe.inChildJvm(best, 4 * options.gemmSeconds());
            if (bestKernel.gflops() != null) {
                peak = Math.max(runPeak, bestKernel.gflops().max());
                peakSource = String.format(Locale.ROOT, "%.1f GFLOP/s, %s 2048² in a child JVM (this run's %s peaks at %.1f)",
                        peak, best, kernel, runPeak);
            }
        }

        WorkloadBench bench = new WorkloadBench(options);
        PythonPeers peers = options.runPeers() ? PythonPeers.find() : null;
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload workload : options.workloads()) {
            progress(workload.label() + " " + workload.optimizer());
            WorkloadResult result = bench.run(workload, peak);
            if (peers != null) {
                List<PythonPeers.PeerResult> peerResults = new ArrayList<>();
                for (PythonPeers.Peer peer : PythonPeers.Peer.values()) {
                    progress(workload.label() + " " + workload.optimizer() + ": " + peer.label());
                    peerResults.add(peers.run(peer, workload, options));
                }
                result = result.withPeers(peerResults);
            }
            results.add(result);
        }
        return new TrainingRun(squares, shapes, results, peakSource);
    }

    /** {@code nn-bench/results} when run from the repository root, {@code results} inside nn-bench. */
    private static Path defaultOutputDirectory() {
        Path fromRoot = Path.of("nn-bench");
        return Files.isDirectory(fromRoot) ? fromRoot.resolve("results") : Path.of("results");
    }

    private static void progress(String message) {
        System.err.println("… " + message);
    }
}
