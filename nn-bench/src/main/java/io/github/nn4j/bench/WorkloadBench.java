package io.github.nn4j.bench;

import io.github.nn4j.bench.WorkloadResult.RunnerResult;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.internal.platform.OffHeapSettling;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures one workload: builds the batches, warms nn4j and DL4J up one after the other, then
 * times their repetitions interleaved (nn4j, DL4J, nn4j, DL4J, …) so that drift of a shared,
 * noisy machine hits both alike.
 */
public final class WorkloadBench {

    private final BenchOptions options;

    /**
     * Creates the bench.
     *
     * @param options durations, repetitions and which runners
     */
    public WorkloadBench(BenchOptions options) {
        this.options = options;
    }

    /**
     * Runs the workload.
     *
     * @param workload   the case
     * @param peakGflops the GEMM peak to compare against
     * @return the figures
     */
    public WorkloadResult run(Workload workload, double peakGflops) {
        SyntheticBatches batches = SyntheticBatches.forWorkload(workload, options.batchCount(), options.seed());
        Optimizer optimizer = Optimizers.nn4j(workload.optimizer(), workload.learningRate());
        String dl4jNote = options.runDl4j() ? null : "skipped (--no-dl4j)";

        List<Timed> runners = new ArrayList<>();
        runners.add(warmUp(() -> new Nn4jRunner(workload, optimizer, batches, options.seed())));
        if (dl4jNote == null) {
            runners.add(warmUp(() -> new Dl4jRunner(workload,
                    Optimizers.dl4j(workload.optimizer(), workload.learningRate()), batches, options.seed())));
        }
        for (int rep = 0; rep < options.reps(); rep++) {
            for (Timed timed : runners) {
                timed.rep();
            }
        }
        RunnerResult nn4j = null;
        RunnerResult dl4j = null;
        for (Timed timed : runners) {
            if (timed.runner instanceof Nn4jRunner) {
                nn4j = timed.result();
            } else {
                dl4j = timed.result();
            }
        }
        return new WorkloadResult(workload, peakGflops, nn4j, null, dl4j, dl4jNote, List.of());
    }

    private Timed warmUp(Supplier<TrainingRunner> factory) {
        settle();
        long offHeapBefore = offHeapBytes();
        TrainingRunner runner = factory.get();
        long start = System.nanoTime();
        int steps = 0;
        while (steps < 5 || System.nanoTime() - start < options.warmUpSeconds() * 1e9) {
            runner.train(1);
            steps++;
        }
        double stepsPerSecond = steps / ((System.nanoTime() - start) / 1e9);
        int stepsPerRep = (int) Math.max(2, Math.round(options.secondsPerRep() * stepsPerSecond));
        settle();
        Runtime jvm = Runtime.getRuntime();
        return new Timed(runner, stepsPerRep, offHeapBytes() - offHeapBefore, Pointer.physicalBytes(),
                jvm.totalMemory() - jvm.freeMemory());
    }

    /**
     * Off-heap bytes held by ND4J: its native library's count of host array memory (device 0)
     * plus the workspaces of the current thread (DL4J's activations and working memory), which
     * that count leaves out. JavaCPP's {@code Pointer.totalBytes()} sees neither.
     *
     * @return the bytes allocated now
     */
    public static long offHeapBytes() {
        long workspaces = 0;
        for (MemoryWorkspace workspace : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            workspaces += workspace.getCurrentSize();
        }
        return Nd4j.getEnvironment().getDeviceCouner(0) + workspaces;
    }

    /**
     * Collects garbage until ND4J's off-heap count stops falling (arrays that died free their
     * native buffers only after a GC), so that memory figures are comparable. Gives up after ~2 s.
     */
    static void settle() {
        OffHeapSettling.settle(WorkloadBench::offHeapBytes);
    }

    /** A warmed-up runner and its timed repetitions so far. */
    private static final class Timed {
        final TrainingRunner runner;
        final int stepsPerRep;
        final long offHeapAdded;
        final long resident;
        final long heapBytes;
        final List<Double> samplesPerSecond = new ArrayList<>();
        long offHeapGrowth;

        Timed(TrainingRunner runner, int stepsPerRep, long offHeapAdded, long resident, long heapBytes) {
            this.runner = runner;
            this.stepsPerRep = stepsPerRep;
            this.offHeapAdded = offHeapAdded;
            this.resident = resident;
            this.heapBytes = heapBytes;
        }

        void rep() {
            long offHeapBefore = offHeapBytes();
            long start = System.nanoTime();
            runner.train(stepsPerRep);
            double seconds = (System.nanoTime() - start) / 1e9;
            offHeapGrowth += offHeapBytes() - offHeapBefore;
            samplesPerSecond.add((double) stepsPerRep * runner.batchSize() / seconds);
        }

        RunnerResult result() {
            return new RunnerResult(Stats.of(samplesPerSecond), stepsPerRep, offHeapAdded, resident, heapBytes,
                    offHeapGrowth);
        }
    }
}
