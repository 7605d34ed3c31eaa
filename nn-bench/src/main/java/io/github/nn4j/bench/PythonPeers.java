package io.github.nn4j.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Python peers of the benchmark: {@code nn-bench/peers/numpy_mlp.py} (numpy, hand-written
 * backpropagation, SGD) and {@code torch_mlp.py} (PyTorch, SGD and Adam), each run as a child
 * process of {@code /usr/bin/python3} on the same workload, timed the same way, and read back
 * from its {@code PEER-RESULT} line. A peer whose module is not installed is skipped with a note.
 * The scripts set their own native settings ({@code peers/peer_env.py}) and pick their faster
 * thread count during the warm-up.
 */
public final class PythonPeers {

    /** The interpreter Debian's python3-numpy and python3-torch install into. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** The peers: name in the table, script, module it needs, optimizers it runs. */
    public enum Peer {
        /** Hand-written numpy MLP, SGD only. */
        NUMPY("numpy", "numpy_mlp.py", "numpy", List.of("sgd")),
        /** {@code torch.nn} MLP, SGD and Adam. */
        PYTORCH("PyTorch", "torch_mlp.py", "torch", List.of("sgd", "adam"));

        final String label;
        final String script;
        final String module;
        final List<String> optimizers;

        Peer(String label, String script, String module, List<String> optimizers) {
            this.label = label;
            this.script = script;
            this.module = module;
            this.optimizers = optimizers;
        }

        /** The name in the table. */
        public String label() {
            return label;
        }
    }

    /**
     * One peer's figures for one workload, or why there are none.
     *
     * @param peer             which peer
     * @param samplesPerSecond one value per repetition, or {@code null}
     * @param settings         what it ran with (threads, BLAS kernel, version), or the note why it did not run
     */
    public record PeerResult(Peer peer, Stats samplesPerSecond, String settings) {
    }

    private final Path directory;
    private final Map<Peer, String> unavailable = new LinkedHashMap<>();

    private PythonPeers(Path directory) {
        this.directory = directory;
    }

    /**
     * Finds the scripts and checks which peers can run here.
     *
     * @return the peers
     */
    public static PythonPeers find() {
        PythonPeers peers = new PythonPeers(scriptDirectory().orElse(null));
        for (Peer peer : Peer.values()) {
            peers.availability(peer).ifPresent(note -> peers.unavailable.put(peer, note));
        }
        return peers;
    }

    private Optional<String> availability(Peer peer) {
        if (directory == null) {
            return Optional.of("skipped: nn-bench/peers not found");
        }
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of("skipped: no " + PYTHON);
        }
        ChildProcess check = ChildProcess.run(new ProcessBuilder(PYTHON.toString(), "-c", "import " + peer.module), 60);
        return check.exitCode() == 0 ? Optional.empty()
                : Optional.of("skipped: " + peer.module + " not installed (apt install python3-" + peer.module + ")");
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
     * Runs a peer on a workload.
     *
     * @param peer     the peer
     * @param workload the network, batch and optimizer
     * @param options  warm-up, repetitions and seed
     * @return its figures, or a note why there are none
     */
    public PeerResult run(Peer peer, Workload workload, BenchOptions options) {
        if (unavailable.containsKey(peer)) {
            return new PeerResult(peer, null, unavailable.get(peer));
        }
        if (!peer.optimizers.contains(workload.optimizer())) {
            return new PeerResult(peer, null, "–");
        }
        List<String> command = List.of(PYTHON.toString(), directory.resolve(peer.script).toString(),
                "--sizes", String.join(",", workload.sizes().stream().map(String::valueOf).toList()),
                "--batch", String.valueOf(workload.batchSize()),
                "--optimizer", workload.optimizer(),
                "--lr", String.valueOf(workload.learningRate()),
                "--warmup", String.valueOf(options.warmUpSeconds()),
                "--rep-seconds", String.valueOf(options.secondsPerRep()),
                "--reps", String.valueOf(options.reps()),
                "--batches", String.valueOf(options.batchCount()),
                "--seed", String.valueOf(options.seed()));
        ChildProcess output = ChildProcess.run(new ProcessBuilder(command), 600);
        for (String line : output.output().split("\n")) {
            if (line.startsWith("PEER-RESULT ")) {
                Map<String, String> values = keyValues(line);
                List<Double> samples = new ArrayList<>();
                for (String value : values.getOrDefault("samples_per_s", "").split(",")) {
                    samples.add(Double.valueOf(value));
                }
                String settings = "threads " + values.getOrDefault("threads", "?") + ", OpenBLAS " + values.getOrDefault("blas", "?")
                        + ", " + values.entrySet().stream().filter(e -> e.getKey().equals("numpy") || e.getKey().equals("torch"))
                        .map(e -> e.getKey() + " " + e.getValue()).findFirst().orElse("");
                return new PeerResult(peer, Stats.of(samples), settings);
            }
        }
        String tail = output.output().strip();
        return new PeerResult(peer, null, "failed (exit " + output.exitCode() + "): "
                + tail.substring(Math.max(0, tail.length() - 300)));
    }

    /**
     * The {@code key=value} words of a result line.
     *
     * @param line e.g. {@code PEER-RESULT peer=numpy threads=2 samples_per_s=1.0,2.0}
     * @return key → value, in order
     */
    public static Map<String, String> keyValues(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : line.trim().split("\\s+")) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                values.put(word.substring(0, equals), word.substring(equals + 1));
            }
        }
        return values;
    }

    /** {@code nn-bench/peers}: next to the compiled classes ({@code nn-bench/target/classes}), or from the working directory. */
    public static Optional<Path> scriptDirectory() {
        List<Path> candidates = new ArrayList<>();
        try {
            Path classes = Path.of(PythonPeers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getParent() != null && classes.getParent().getParent() != null) {
                candidates.add(classes.getParent().getParent().resolve("peers"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the working directory
        }
        candidates.add(Path.of("nn-bench", "peers"));
        candidates.add(Path.of("peers"));
        return candidates.stream().filter(dir -> Files.isRegularFile(dir.resolve(Peer.NUMPY.script))).findFirst()
                .map(Path::toAbsolutePath);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Python peers in %s%s", directory,
                unavailable.isEmpty() ? "" : " (" + unavailable.values() + ")");
    }
}
