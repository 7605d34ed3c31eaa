package io.github.nn4j.spark;

import java.io.Serializable;

/**
 * Everything the executors need about one training run, captured by the closures of its jobs
 * (a few kilobytes): the run's id, which keys the models executors keep between steps, the
 * architecture, the loss, the data's layout (where each partition's examples start in the global
 * order), the global batch, the seed, and, in averaging mode, the update rule.
 */
final class RunSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    final String id;
    final ModelSpec model;
    final LossFactory loss;
    final BlockFormat format;
    /** {@code offsets[p]} is partition p's first example in the global order; the last entry is the total. */
    final long[] offsets;
    final int batchSize;
    final boolean dropLastBatch;
    final long seed;
    /** The update rule for averaging mode's local steps, or {@code null} in synchronous mode. */
    final UpdateSpec update;
    /** Native threads per executor JVM for ND4J's operations and BLAS, or 0 to leave them. */
    final int nativeThreads;
    /** Averaging mode's examples per partition and step, or 0 for shares of global batches. */
    final int workerBatch;
    final StepHook hook;

    RunSpec(String id, ModelSpec model, LossFactory loss, BlockFormat format, long[] offsets, int batchSize,
            boolean dropLastBatch, long seed, UpdateSpec update, int nativeThreads, int workerBatch, StepHook hook) {
        this.id = id;
        this.model = model;
        this.loss = loss;
        this.format = format;
        this.offsets = offsets;
        this.batchSize = batchSize;
        this.dropLastBatch = dropLastBatch;
        this.seed = seed;
        this.update = update;
        this.nativeThreads = nativeThreads;
        this.workerBatch = workerBatch;
        this.hook = hook;
        if (examples() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " training examples, got "
                    + examples());
        }
        if (workerBatch > 0 && smallestPartition() < workerBatch) {
            throw new IllegalArgumentException("a batch of " + workerBatch + " examples per worker needs at least as "
                    + "many in every partition; the smallest of " + (offsets.length - 1) + " holds "
                    + smallestPartition() + ": use fewer partitions or a smaller batch");
        }
        if (workerBatch == 0 && dropLastBatch && batchSize > examples()) {
            throw new IllegalArgumentException("batch size " + batchSize + " with the last partial batch dropped "
                    + "leaves no batch of " + examples() + " examples");
        }
    }

    /** The number of training examples. */
    int examples() {
        return (int) offsets[offsets.length - 1];
    }

    /** The partitions the run trains in. */
    int partitions() {
        return offsets.length - 1;
    }

    /** Steps per epoch: global batches, or with a per-worker batch the full batches of the smallest partition. */
    int batchesPerEpoch() {
        if (workerBatch > 0) {
            return smallestPartition() / workerBatch;
        }
        int n = examples();
        return dropLastBatch ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The examples in step {@code batch}: the batch size, or fewer in a last partial batch. */
    int batchRows(int batch) {
        if (workerBatch > 0) {
            return workerBatch * (offsets.length - 1);
        }
        return Math.min(batchSize, examples() - batch * batchSize);
    }

    /** Where step {@code batch}'s examples start in the epoch, for listeners. */
    int batchOffset(int batch) {
        return workerBatch > 0 ? batch * batchRows(0) : batch * batchSize;
    }

    private int smallestPartition() {
        long smallest = Long.MAX_VALUE;
        for (int p = 0; p + 1 < offsets.length; p++) {
            smallest = Math.min(smallest, offsets[p + 1] - offsets[p]);
        }
        return (int) smallest;
    }
}
