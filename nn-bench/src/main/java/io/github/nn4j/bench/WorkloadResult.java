package io.github.nn4j.bench;

import java.util.List;

/**
 * Everything measured for one workload: nn4j and DL4J samples per second (either may be absent,
 * with a note saying why), the Python peers', and memory after warm-up, against the GEMM peak.
 *
 * @param workload   the case
 * @param peakGflops the GEMM peak of the best kernel for this CPU, in GFLOP/s: the fastest chunk
 *                   measured in this run, or in a child JVM when this run uses a slower kernel
 * @param nn4j       nn4j's figures, or {@code null}
 * @param nn4jNote   why nn4j did not run, or {@code null}
 * @param dl4j       DL4J's figures, or {@code null}
 * @param dl4jNote   why DL4J did not run, or {@code null}
 * @param peers      the Python peers' figures or notes, in table order
 */
public record WorkloadResult(Workload workload, double peakGflops, RunnerResult nn4j, String nn4jNote,
                             RunnerResult dl4j, String dl4jNote, List<PythonPeers.PeerResult> peers) {

    /** Copies the peers. */
    public WorkloadResult {
        peers = List.copyOf(peers);
    }

    /**
     * The same figures with the Python peers' added.
     *
     * @param peerResults one per peer
     * @return a new result
     */
    public WorkloadResult withPeers(List<PythonPeers.PeerResult> peerResults) {
        return new WorkloadResult(workload, peakGflops, nn4j, nn4jNote, dl4j, dl4jNote, peerResults);
    }

    /**
     * nn4j's median samples/s ÷ a peer's, or NaN.
     *
     * @param peer the peer
     * @return the ratio
     */
    public double ratio(PythonPeers.Peer peer) {
        return peers.stream().filter(r -> r.peer() == peer && r.samplesPerSecond() != null && nn4j != null)
                .mapToDouble(r -> nn4j.samplesPerSecond().median() / r.samplesPerSecond().median())
                .findFirst().orElse(Double.NaN);
    }

    /** Samples per second if training ran at the GEMM peak: peak FLOP/s ÷ training FLOPs per sample. */
    public double idealSamplesPerSecond() {
        return peakGflops * 1e9 / workload.flopsPerSample();
    }

    /** nn4j's median GFLOP/s (training FLOPs per sample × samples/s), or NaN. */
    public double nn4jGflops() {
        return nn4j == null ? Double.NaN : nn4j.samplesPerSecond().median() * workload.flopsPerSample() / 1e9;
    }

    /** nn4j's median GFLOP/s as a percentage of the best kernel's peak, or NaN. */
    public double nn4jPercentOfPeak() {
        return 100 * nn4jGflops() / peakGflops;
    }

    /** nn4j's median samples/s ÷ DL4J's, or NaN. */
    public double ratio() {
        return nn4j == null || dl4j == null ? Double.NaN
                : nn4j.samplesPerSecond().median() / dl4j.samplesPerSecond().median();
    }

    /**
     * One framework's figures for one workload.
     *
     * <p>Off-heap figures are ND4J's own count of native host memory plus workspaces
     * ({@link WorkloadBench#offHeapBytes()}).
     *
     * @param samplesPerSecond   one value per timed repetition
     * @param stepsPerRep        training steps in each repetition
     * @param offHeapBytes       off-heap bytes its construction and warm-up added, after a GC
     *                           (parameters, gradients, working buffers, optimizer state, workspaces)
     * @param physicalBytes      process resident size after its warm-up ({@code Pointer.physicalBytes()})
     * @param heapBytes          JVM heap in use after its warm-up and a GC
     * @param offHeapGrowthBytes change of the off-heap bytes summed over its timed repetitions
     *                           (0 when the steady state keeps nothing; garbage not yet collected counts)
     */
    public record RunnerResult(Stats samplesPerSecond, int stepsPerRep, long offHeapBytes, long physicalBytes,
                               long heapBytes, long offHeapGrowthBytes) {
    }
}
