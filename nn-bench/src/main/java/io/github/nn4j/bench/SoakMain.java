package io.github.nn4j.bench;

import java.util.Locale;

/**
 * Checks that nn4j's steady-state training step allocates no off-heap memory: after warm-up it
 * runs many steps of each standard workload and prints ND4J's off-heap byte count before and
 * after, with a garbage collection before each reading so that only live memory counts.
 *
 * <p>Run: {@code mvn -q -pl nn-bench -am compile exec:java@bench
 * -Dexec.mainClass=io.github.nn4j.bench.SoakMain -Dexec.args="10000"} (steps per workload,
 * default 10,000; optional further arguments name workloads such as {@code S} or {@code M}).
 */
public final class SoakMain {

    private SoakMain() {
    }

    /**
     * Runs the check.
     *
     * @param args the number of steps, then optional workload names
     */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        java.util.Set<String> names = args.length > 1 ? java.util.Set.of(java.util.Arrays.copyOfRange(args, 1,
                args.length)) : java.util.Set.of("S", "M");
        System.out.println("| workload | optimizer | steps | off-heap after warm-up MB | after the steps MB | change (bytes) |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Workload workload : Workload.standard()) {
            if (!names.contains(workload.name())) {
                continue;
            }
            SyntheticBatches batches = SyntheticBatches.forWorkload(workload, 16, SyntheticBatches.DEFAULT_SEED);
            Nn4jRunner runner = new Nn4jRunner(workload,
                    Optimizers.nn4j(workload.optimizer(), workload.learningRate()), batches, 1);
            runner.train(200);
            WorkloadBench.settle();
            long before = WorkloadBench.offHeapBytes();
            runner.train(steps);
            WorkloadBench.settle();
            long after = WorkloadBench.offHeapBytes();
            System.out.printf(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %+,d |%n", workload.label(),
                    workload.optimizer(), steps, before / 1e6, after / 1e6, after - before);
        }
    }
}
