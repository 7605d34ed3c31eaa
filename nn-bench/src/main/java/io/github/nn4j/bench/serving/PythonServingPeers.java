package io.github.nn4j.bench.serving;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.bench.ChildProcess;
import io.github.nn4j.bench.PythonPeers;
import io.github.nn4j.io.Npz;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The serving peers: numpy and PyTorch predicting the same weights in {@code nn-bench/peers/predict_peer.py},
 * a child process of {@code /usr/bin/python3} per peer, network and thread setting, read back
 * from its {@code PEER-LATENCY} and {@code PEER-THROUGHPUT} lines. A peer whose module is missing
 * is skipped with a note.
 */
public final class PythonServingPeers {

    /** A peer: its name in the tables and the module it needs. */
    public enum Peer {
        /** Hand-written numpy forward pass. */
        NUMPY("numpy", "numpy"),
        /** {@code torch.nn} under {@code torch.no_grad()}. */
        PYTORCH("PyTorch", "torch");

        final String label;
        final String module;

        Peer(String label, String module) {
            this.label = label;
            this.module = module;
        }

        /** The name in the tables. */
        public String label() {
            return label;
        }
    }

    /**
     * Why a peer cannot run here.
     *
     * @param peer the peer
     * @return the note, or empty if it can run
     */
    public Optional<String> unavailable(Peer peer) {
        return Optional.ofNullable(unavailable.get(peer));
    }

    /**
     * Whether a peer's outputs for one row of 0.5s are nn4j's, to float rounding.
     *
     * @param model the model the weights came from
     * @param check the peer's outputs
     * @return null if they agree, otherwise what differs
     */
    public static String compare(Sequential model, float[] check) {
        float[] row = new float[model.inputSize()];
        java.util.Arrays.fill(row, 0.5f);
        float[] nn4j = model.predictor().predict(row);
        if (check == null || check.length != nn4j.length) {
            return "no outputs to compare with nn4j's";
        }
        for (int i = 0; i < nn4j.length; i++) {
            if (Math.abs(nn4j[i] - check[i]) > 1e-4 * Math.max(1, Math.abs(nn4j[i]))) {
                return "output " + i + " is " + check[i] + ", nn4j's " + nn4j[i];
            }
        }
        return null;
    }

    /**
     * What one run of a peer gave.
     *
     * @param latencies  one per batch size
     * @param throughput with as many worker processes as cores, or {@code null}
     * @param check      the peer's outputs for one row of 0.5s (to compare with nn4j's), or {@code null}
     * @param note       why it did not run or failed, or {@code null}
     */
    public record Result(List<Latency> latencies, Throughput throughput, float[] check, String note) {
    }

    private final Path script;
    private final Map<Peer, String> unavailable = new LinkedHashMap<>();

    private PythonServingPeers(Path script) {
        this.script = script;
    }

    /**
     * Finds the script and checks which peers can run.
     *
     * @return the peers
     */
    public static PythonServingPeers find() {
        Optional<Path> directory = PythonPeers.scriptDirectory();
        PythonServingPeers peers = new PythonServingPeers(directory.map(d -> d.resolve("predict_peer.py")).orElse(null));
        for (Peer peer : Peer.values()) {
            String note = null;
            if (peers.script == null || !Files.isRegularFile(peers.script)) {
                note = "skipped: nn-bench/peers/predict_peer.py not found";
            } else if (!Files.isExecutable(PythonPeers.PYTHON)) {
                note = "skipped: no " + PythonPeers.PYTHON;
            } else if (ChildProcess.run(new ProcessBuilder(PythonPeers.PYTHON.toString(), "-c", "import " + peer.module),
                    60).exitCode() != 0) {
                note = "skipped: " + peer.module + " not installed (apt install python3-" + peer.module + ")";
            }
            if (note != null) {
                peers.unavailable.put(peer, note);
            }
        }
        return peers;
    }

    /**
     * Writes a model's weights as the script reads them: {@code W0, b0, W1, b1, …}.
     *
     * @param model a stack of dense layers and activations
     * @param file  the {@code .npz} to write
     */
    public static void writeWeights(Sequential model, Path file) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        int dense = 0;
        for (Parameter parameter : model.parameterSet().list()) {
            boolean weight = parameter.name().endsWith(".W");
            arrays.put((weight ? "W" : "b") + dense, parameter.value());
            if (!weight) {
                dense++;
            }
        }
        try {
            Npz.write(file, arrays);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one peer.
     *
     * @param peer              the peer
     * @param network           the network (its name goes into the results)
     * @param weights           the file {@link #writeWeights} wrote
     * @param batches           rows per call
     * @param oneThread         one thread, otherwise the libraries' defaults
     * @param secondsPerCell    latency timing per batch size
     * @param throughputSeconds throughput timing, 0 for none
     * @return the figures, or a note
     */
    public Result run(Peer peer, ServingNetwork network, Path weights, int[] batches, boolean oneThread,
                      double secondsPerCell, double throughputSeconds) {
        String threads = oneThread ? "1" : "default";
        if (unavailable.containsKey(peer)) {
            return new Result(List.of(), null, null, unavailable.get(peer));
        }
        List<String> command = List.of(PythonPeers.PYTHON.toString(), script.toString(), "--peer", peer.module,
                "--weights", weights.toString(), "--network", network.name(),
                "--batches", IntStream.of(batches).mapToObj(String::valueOf).collect(Collectors.joining(",")),
                "--threads", threads, "--seconds-per-cell", String.valueOf(secondsPerCell),
                "--throughput-seconds", String.valueOf(throughputSeconds));
        ChildProcess output = ChildProcess.run(new ProcessBuilder(command), 900);
        List<Latency> latencies = new ArrayList<>();
        Throughput throughput = null;
        float[] check = null;
        for (String line : output.output().split("\n")) {
            Map<String, String> values = PythonPeers.keyValues(line);
            if (line.startsWith("PEER-CHECK ")) {
                String[] numbers = values.get("outputs").split(",");
                check = new float[numbers.length];
                for (int i = 0; i < numbers.length; i++) {
                    check[i] = Float.parseFloat(numbers[i]);
                }
            } else if (line.startsWith("PEER-LATENCY ")) {
                latencies.add(new Latency(peer.label, threads, network.name(), Integer.parseInt(values.get("batch")),
                        Double.parseDouble(values.get("p50_us")), Double.parseDouble(values.get("p99_us")),
                        Integer.parseInt(values.get("calls"))));
            } else if (line.startsWith("PEER-THROUGHPUT ")) {
                throughput = new Throughput(peer.label, threads, network.name(),
                        Integer.parseInt(values.get("workers")), Double.parseDouble(values.get("predictions_per_s")));
            }
        }
        if (latencies.isEmpty()) {
            String tail = output.output().strip();
            return new Result(List.of(), null, check, String.format(Locale.ROOT, "failed (exit %d): %s",
                    output.exitCode(), tail.substring(Math.max(0, tail.length() - 300))));
        }
        return new Result(latencies, throughput, check, null);
    }
}
