package io.github.nn4j.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Prints where the training step of each chosen standard workload spends its time (see
 * {@link StepProfile}), as Markdown tables.
 *
 * <p>Run: {@code mvn -q -pl nn-bench -am compile exec:java@bench
 * -Dexec.mainClass=io.github.nn4j.bench.StepProfileMain -Dexec.args="S M"} (workload names,
 * default {@code S M}; {@code L} takes about a minute).
 */
public final class StepProfileMain {

    private StepProfileMain() {
    }

    /**
     * Profiles the workloads.
     *
     * @param args workload names such as {@code S}, {@code M} or {@code L}
     */
    public static void main(String[] args) {
        List<String> names = args.length == 0 ? List.of("S", "M") : Arrays.asList(args);
        for (Workload workload : Workload.standard()) {
            if (names.contains(workload.name())) {
                int steps = Math.max(20, (int) (2e10 / (workload.flopsPerSample() * workload.batchSize())));
                System.out.println(StepProfile.measure(workload, steps).toMarkdown());
            }
        }
    }
}
