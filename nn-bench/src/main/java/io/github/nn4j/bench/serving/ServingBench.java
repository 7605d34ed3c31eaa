package io.github.nn4j.bench.serving;

import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The serving half of nn-bench: for each network, the latency of single calls on one caller
 * thread at each batch size and the throughput of as many callers as cores, for nn4j's
 * {@code float[]} and {@code INDArray} APIs (one OpenBLAS thread, and ND4J's default), ONNX
 * Runtime (one intra-op thread, and its default), numpy and PyTorch (child processes, one thread
 * and their defaults); then serving while a trainer publishes snapshots, nn4j against ONNX Runtime.
 */
public final class ServingBench {

    /** The batch sizes of the latency table. */
    public static final int[] BATCHES = {1, 8, 32, 256};

    /**
     * How long things are measured.
     *
     * @param networks                the networks
     * @param secondsPerCell          latency timing per runtime and batch size
     * @param throughputSeconds       throughput timing per runtime
     * @param predictionsUnderTraining calls per runtime while the trainer runs; 0 to skip that part
     * @param runPeers                whether to run numpy and PyTorch
     */
    public record Settings(List<ServingNetwork> networks, double secondsPerCell, double throughputSeconds,
                           long predictionsUnderTraining, boolean runPeers) {

        /**
         * The quick or the full settings for these networks.
         *
         * @param quick    the quick mode
         * @param networks the networks
         * @param runPeers whether to run numpy and PyTorch
         * @return the settings
         */
        public static Settings of(boolean quick, List<ServingNetwork> networks, boolean runPeers) {
            return quick ? new Settings(networks, 0.15, 0.5, 100_000, runPeers)
                    : new Settings(networks, 0.6, 1.5, 1_000_000, runPeers);
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    /**
     * @param settings what to run and for how long
     * @param progress receives a line before each part
     */
    public ServingBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs it all.
     *
     * @return the figures
     * @throws InterruptedException when interrupted
     */
    public ServingResults run() throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        int defaultThreads = Nn4jServing.defaultBlasThreads();
        List<Latency> latencies = new ArrayList<>();
        List<Throughput> throughputs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        PythonServingPeers peers = settings.runPeers() ? PythonServingPeers.find() : null;
        LatencyProbe latency = new LatencyProbe(settings.secondsPerCell());
        ThroughputProbe throughput = new ThroughputProbe(settings.throughputSeconds());
        for (ServingNetwork network : settings.networks()) {
            Sequential model = network.build();
            List<ServingRuntime> runtimes = List.of(new Nn4jServing(model, true, 1), new Nn4jServing(model, false, 1),
                    new Nn4jServing(model, true, defaultThreads), new Nn4jServing(model, false, defaultThreads),
                    new OrtServing(model, true), new OrtServing(model, false));
            try {
                progress.accept("serving " + network.label() + ": latency, one caller thread");
                latencies.addAll(latency.measure(runtimes, network, BATCHES));
                for (ServingRuntime runtime : runtimes) {
                    progress.accept("serving " + network.label() + ": throughput of " + runtime.name() + " ("
                            + runtime.threads() + "), " + cores + " callers");
                    throughputs.add(throughput.measure(runtime, network, cores));
                }
            } finally {
                runtimes.forEach(ServingRuntime::close);
            }
            if (peers != null) {
                runPeers(peers, network, model, latencies, throughputs, notes);
            }
        }
        List<ServingUnderTraining> underTraining = new ArrayList<>();
        if (settings.predictionsUnderTraining() > 0) {
            ServingWhileTraining whileTraining = new ServingWhileTraining(settings.predictionsUnderTraining());
            progress.accept("serving while training: nn4j, " + cores + " callers");
            underTraining.add(whileTraining.nn4j(cores));
            progress.accept("serving while training: ONNX Runtime, " + cores + " callers");
            underTraining.add(whileTraining.onnxRuntime(cores));
        }
        return new ServingResults(settings.networks(), BATCHES, latencies, throughputs, underTraining, notes);
    }

    private void runPeers(PythonServingPeers peers, ServingNetwork network, Sequential model, List<Latency> latencies,
                          List<Throughput> throughputs, List<String> notes) {
        Path weights;
        try {
            weights = Files.createTempFile("nn4j-serving-" + network.name(), ".npz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            PythonServingPeers.writeWeights(model, weights);
            for (PythonServingPeers.Peer peer : PythonServingPeers.Peer.values()) {
                for (boolean oneThread : new boolean[] {true, false}) {
                    progress.accept("serving " + network.label() + ": " + peer.label + (oneThread ? ", 1 thread"
                            : ", default threads"));
                    PythonServingPeers.Result result = peers.run(peer, network, weights, BATCHES, oneThread,
                            settings.secondsPerCell(), oneThread ? settings.throughputSeconds() : 0);
                    latencies.addAll(result.latencies());
                    if (result.throughput() != null) {
                        throughputs.add(result.throughput());
                    }
                    if (result.note() != null) {
                        notes.add(peer.label + " (" + network.name() + "): " + result.note());
                    } else if (PythonServingPeers.compare(model, result.check()) != null) {
                        notes.add(peer.label + " (" + network.name() + ") predicts other numbers than nn4j: "
                                + PythonServingPeers.compare(model, result.check()));
                    }
                }
            }
        } finally {
            try {
                Files.deleteIfExists(weights);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }
}
