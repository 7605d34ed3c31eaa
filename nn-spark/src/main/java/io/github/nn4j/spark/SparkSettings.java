package io.github.nn4j.spark;

/**
 * The settings only a {@link SparkTrainer} has, beside the ones every trainer shares; their
 * meaning is in {@link SparkTrainerBuilder}.
 *
 * @param localSteps          local steps between averages in averaging mode; 0 in synchronous mode
 * @param fixedReductionOrder whether partial sums are added in a fixed order
 * @param nativeThreads       ND4J and BLAS threads per executor JVM, 0 to leave them, or
 *                            {@link NativeThreads#AUTOMATIC}
 * @param partitions          the partitions to train in, or 0 for the default
 * @param workerBatch         averaging mode's examples per partition and step, or 0 for global batches
 * @param checkpointUri       a Hadoop URI for checkpoints, or {@code null}
 * @param checkpointEvery     steps between checkpoints within an epoch, or 0 for per epoch only
 * @param hook                tests: runs at the start of every training task, or {@code null}
 */
record SparkSettings(int localSteps, boolean fixedReductionOrder, int nativeThreads, int partitions, int workerBatch,
                     String checkpointUri, int checkpointEvery, StepHook hook) {

    /** Whether parameters and optimizer state are averaged after local steps, rather than summing gradients. */
    boolean averaging() {
        return localSteps > 0;
    }
}
