package io.github.nn4j.bench;

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
 * The benchmark suite: prints the settings, measures the GEMM limit, then each workload with
 * nn4j and DL4J interleaved, and prints Markdown tables and writes a JSON file.
 *
 * <p>The Python peers ({@link PythonPeers}: numpy and PyTorch, where installed) run per workload
 * after nn4j and DL4J. Percentages are of the GEMM peak of the best kernel for this CPU: this
 * run's own peak when it runs that kernel, otherwise measured in a child JVM.
 *
 * <p>From the repository root, the full suite (several minutes) and the quick mode, building
 * nn-core in the same reactor (nothing is installed); no environment prefix is needed (nn4j sets
 * its native settings itself, and the POM passes {@code -Dnn4j.blas.coretype=auto}):
 * <pre>
 * mvn -q -pl nn-bench -am compile exec:java
 * mvn -q -pl nn-bench -am compile exec:java -Dexec.args="--quick"
 * </pre>
 * or with plain {@code java} on the built classes (classpath from
 * {@code mvn -q -pl nn-bench dependency:build-classpath -Dmdep.outputFile=/tmp/cp-bench.txt}):
 * <pre>
 * java -Dnn4j.blas.coretype=auto -cp nn-bench/target/classes:nn-core/target/classes:$(cat /tmp/cp-bench.txt) \
 *     io.github.nn4j.bench.BenchMain --quick
 * </pre>
 * {@code --help} lists the options, e.g. {@code --layers 784,256,10 --batch 64 --optimizer sgd --lr 0.05}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the suite.
     *
     * @param args see {@link BenchOptions#USAGE}
     * @throws IOException if the JSON file cannot be written
     */
    public static void main(String[] args) throws IOException {
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
        if (!BenchEnvironment.passiveWaitPolicy()) {
            System.out.println("WARNING: OMP_WAIT_POLICY is not PASSIVE; idle OpenMP threads will spin and "
                    + "steal cores from BLAS, and every figure below will be too low.");
        }
        System.out.println();

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

        BenchReport report = new BenchReport(now.toString(), environment, options, squares, shapes, results,
                peakSource, (System.nanoTime() - start) / 1e9);
        System.out.println();
        System.out.println("GEMM peak of the best kernel: " + peakSource);
        System.out.println();
        System.out.println(report.markdownTable());
        System.out.print(report.peerNotes());
        System.out.println();
        System.out.println(report.gemmTable());
        System.out.println(report.memoryTable());
        Path output = options.output() != null ? options.output()
                : defaultOutputDirectory().resolve("bench-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, report.toJson());
        System.out.printf(Locale.ROOT, "JSON: %s (%.0f s in all)%n", output, report.seconds());
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
