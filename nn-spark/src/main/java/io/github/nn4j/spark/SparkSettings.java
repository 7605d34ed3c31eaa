package io.github.nn4j.spark;

/**
 * The settings only a {@link SparkTrainer} has, beside the ones every trainer shares; their
 * meaning is in {@link SparkTrainerBuilder}.
 *
 * @param localSteps          local steps between averages in averaging mode; 0 in synchronous mode
 * @param fixedReductionOrder whether partial sums are added in partition order on the driver
 * @param nativeThreads       ND4J and BLAS threads per executor JVM, or 0 to leave them
 * @param hook                tests: runs at the start of every training task, or {@code null}
 */
record SparkSettings(int localSteps, boolean fixedReductionOrder, int nativeThreads, StepHook hook) {

    /** Whether parameters and optimizer state are averaged after local steps, rather than summing gradients. */
    boolean averaging() {
        return localSteps > 0;
    }
}
