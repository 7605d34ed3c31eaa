package io.github.nn4j.spark;

import io.github.nn4j.data.BatchIterator;
import io.github.nn4j.internal.train.EpochSeeds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition's part in one epoch: which of its examples each global batch takes, and where
 * they sit in the batch.
 *
 * <p>The epoch's order is that of {@code Trainer} on one machine holding the same examples in
 * the global order (partitions in order, rows in order within each):
 * {@code BatchIterator.epochOrder(n, EpochSeeds.shuffle(seed, epoch))}, and global batch b holds
 * positions {@code b·B … b·B + B − 1} of it. Every executor computes it from the seed and the
 * partition sizes alone, so the order does not depend on which executor runs what, or when.
 * Each executor JVM keeps the order and its partitions' plans of the latest two epochs: 4 bytes
 * per training example for the order, 8 per example of its partitions for the plans.
 */
final class EpochPlan {

    /** Epochs kept per JVM (of any runs): the current one, and the last of a run that just ended. */
    private static final int KEPT_EPOCHS = 2;

    /** By run and epoch: the epoch's order and the plans of the partitions this JVM has worked on. */
    private static final Map<String, Epoch> EPOCHS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Epoch> eldest) {
            return size() > KEPT_EPOCHS;
        }
    };

    /** The partition's examples in epoch order, as indices into its block. */
    final int[] localRows;
    /** Each of those examples' position in its global batch. */
    final int[] positions;
    /** Batch b's entries are {@code batchStart[b] … batchStart[b+1] − 1}. */
    final int[] batchStart;

    private EpochPlan(int[] localRows, int[] positions, int[] batchStart) {
        this.localRows = localRows;
        this.positions = positions;
        this.batchStart = batchStart;
    }

    /** The examples of this partition in global batch {@code batch}. */
    int rows(int batch) {
        return batchStart[batch + 1] - batchStart[batch];
    }

    /**
     * The plan of {@code partition} in {@code epoch} of {@code run}, made once per executor JVM.
     *
     * @param rows the partition's block size, checked against the run's layout
     * @throws IllegalStateException when the block is not the size it had when the run started (its
     *                               source gave other data when Spark recomputed it)
     */
    static EpochPlan of(RunSpec run, int epoch, int partition, int rows) {
        long start = run.offsets[partition];
        long end = run.offsets[partition + 1];
        if (end - start != rows) {
            throw new IllegalStateException("partition " + partition + " holds " + rows + " examples, but held "
                    + (end - start) + " when training started: its source must give the same data when Spark "
                    + "recomputes it");
        }
        Epoch state;
        synchronized (EPOCHS) {
            state = EPOCHS.computeIfAbsent(run.id + "/" + epoch, key -> new Epoch(run, epoch));
        }
        synchronized (state) {
            if (state.plans[partition] == null) {
                state.plans[partition] = make(run, state.order, (int) start, (int) end);
            }
            return state.plans[partition];
        }
    }

    /** One epoch of one run in this JVM: its order and the plans made from it. */
    private static final class Epoch {
        final int[] order;
        final EpochPlan[] plans;

        Epoch(RunSpec run, int epoch) {
            this.order = BatchIterator.epochOrder(run.examples(), EpochSeeds.shuffle(run.seed, epoch));
            this.plans = new EpochPlan[run.offsets.length - 1];
        }
    }

    private static EpochPlan make(RunSpec run, int[] order, int start, int end) {
        int batches = run.batchesPerEpoch();
        int used = Math.min(order.length, batches * run.batchSize);
        int[] localRows = new int[end - start];
        int[] positions = new int[end - start];
        int[] batchStart = new int[batches + 1];
        int count = 0;
        for (int position = 0; position < used; position++) {
            int example = order[position];
            int batch = position / run.batchSize;
            if (example >= start && example < end) {
                localRows[count] = example - start;
                positions[count] = position - batch * run.batchSize;
                count++;
            }
            batchStart[batch + 1] = count;
        }
        return new EpochPlan(localRows, positions, batchStart);
    }
}
