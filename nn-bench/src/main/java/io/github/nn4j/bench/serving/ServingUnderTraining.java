package io.github.nn4j.bench.serving;

/**
 * Serving while a trainer publishes snapshots: predictions per second of {@code callers} threads,
 * latency percentiles of sampled calls, and memory before and after.
 *
 * @param runtime              e.g. {@code nn4j float[]}
 * @param threads              the runtime's thread setting
 * @param callers              caller threads
 * @param predictions          calls made (one row each)
 * @param predictionsPerSecond all callers together
 * @param p50Micros            median of the sampled calls
 * @param p99Micros            99th percentile of the sampled calls
 * @param snapshots            snapshots the trainer published meanwhile
 * @param heapBefore           least heap used after collections, before the calls
 * @param heapAfter            the same after them
 * @param offHeapBefore        ND4J's off-heap bytes before
 * @param offHeapAfter         ND4J's off-heap bytes after
 * @param residentBefore       the process's resident bytes before
 * @param residentAfter        the process's resident bytes after
 */
public record ServingUnderTraining(String runtime, String threads, int callers, long predictions,
                                   double predictionsPerSecond, double p50Micros, double p99Micros, long snapshots,
                                   long heapBefore, long heapAfter, long offHeapBefore, long offHeapAfter,
                                   long residentBefore, long residentAfter) {
}
