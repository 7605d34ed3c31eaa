package io.github.nn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python peers run and report in the form the benchmark reads: each script on a tiny
 * network for a few steps (skipped where python3-numpy or python3-torch is not installed). Not
 * timed.
 */
class PythonPeersTest {

    private static final BenchOptions TINY = BenchOptions.parse("--layers", "20,16,4", "--batch", "8", "--reps", "2",
            "--rep-seconds", "0.01", "--warmup-seconds", "0.05", "--no-dl4j");
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static PythonPeers peers;

    @BeforeAll
    static void findPeers() {
        peers = PythonPeers.find();
    }

    @Test
    void readsTheKeyValueWordsOfAResultLine() {
        Map<String, String> values = PythonPeers.keyValues("PEER-RESULT peer=numpy threads=2 samples_per_s=1.5,2.5");
        assertEquals(Map.of("peer", "numpy", "threads", "2", "samples_per_s", "1.5,2.5"), values);
        KernelProbe.Measurement measurement = KernelProbe.parse("SkylakeX", "KERNEL-PROBE kernel=SkylakeX gflops=300.5,310.0");
        assertEquals("SkylakeX", measurement.kernel());
        assertEquals(310.0, measurement.gflops().max());
    }

    @Test
    void numpyTrainsATinyNetworkWithSgd() {
        runs(PythonPeers.Peer.NUMPY, "sgd");
    }

    @Test
    void pytorchTrainsATinyNetworkWithSgdAndAdam() {
        runs(PythonPeers.Peer.PYTORCH, "sgd");
        runs(PythonPeers.Peer.PYTORCH, "adam");
    }

    @Test
    void numpyHasNoAdamAndSaysSo() {
        assumeTrue(peers.unavailable(PythonPeers.Peer.NUMPY).isEmpty(), "numpy is not installed");
        PythonPeers.PeerResult result = peers.run(PythonPeers.Peer.NUMPY, workload("adam"), TINY);
        assertEquals(null, result.samplesPerSecond());
        assertEquals("–", result.settings());
    }

    @Test
    void thePytorchFashionMnistReferenceTrainsAndReportsAccuracy() {
        assumeTrue(peers.unavailable(PythonPeers.Peer.PYTORCH).isEmpty(), "PyTorch is not installed");
        assumeTrue(Files.isDirectory(FASHION_MNIST), "no Fashion-MNIST in " + FASHION_MNIST);
        Path script = PythonPeers.scriptDirectory().orElseThrow().resolve("torch_fashion_mnist.py");
        ChildProcess run = ChildProcess.run(new ProcessBuilder(PythonPeers.PYTHON.toString(), script.toString(),
                "--epochs", "1", "--limit", "512"), 300);
        String line = run.output().lines().filter(l -> l.startsWith("PEER-RESULT ")).findFirst().orElse(null);
        assertNotNull(line, run.output());
        Map<String, String> values = PythonPeers.keyValues(line);
        double accuracy = Double.parseDouble(values.get("test_accuracy"));
        assertTrue(accuracy >= 0 && accuracy <= 1, line);
        assertEquals("512", values.get("train_images"), line);
    }

    private static void runs(PythonPeers.Peer peer, String optimizer) {
        assumeTrue(peers.unavailable(peer).isEmpty(), () -> peer.label() + ": " + peers.unavailable(peer).orElse(""));
        PythonPeers.PeerResult result = peers.run(peer, workload(optimizer), TINY);
        assertNotNull(result.samplesPerSecond(), result.settings());
        assertEquals(2, result.samplesPerSecond().samples().size());
        assertTrue(result.samplesPerSecond().min() > 0, result.toString());
        assertTrue(result.settings().contains("threads"), result.settings());
    }

    private static Workload workload(String optimizer) {
        return new Workload("tiny", List.of(20, 16, 4), 8, optimizer, optimizer.equals("sgd") ? 0.01 : 1e-3);
    }
}
