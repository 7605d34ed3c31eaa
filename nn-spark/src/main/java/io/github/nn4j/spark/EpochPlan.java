package io.github.nn4j.spark;

import io.github.nn4j.data.BatchIterator;
import io.github.nn4j.internal.train.EpochSeeds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition's part in one epoch: which of its examples each batch takes, and where they sit
 * in the batch.
 *
 * <p>By default (global batches) the epoch's order is that of {@code Trainer} on one machine
 * holding the same examples in the global order (partitions in order, rows in order within each):
 * {@code BatchIterator.epochOrder(n, EpochSeeds.shuffle(seed, epoch))}, and global batch b holds
 * positions {@code b·B … b·B + B − 1} of it. Every executor finds its partition's positions from
 * the seed and the partition's range alone ({@link EpochOrderSlice}), so the order does not depend
 * on which executor runs what, or when, and no executor holds the whole order.
 *
 * <p>With a per-worker batch b (averaging mode), every partition shuffles its own examples
 * ({@code BatchIterator.epochOrder(rows, EpochSeeds.shuffle(seed ^ partition·φ, epoch))}, the
 * global seed for partition 0) and step s takes its examples {@code s·b … s·b + b − 1}: every
 * partition takes the same number of full steps.
 *
 * <p>Memory: 8 bytes per example of the partition; each executor JVM keeps the plans of its
 * partitions for the latest two epochs.
 */
final class EpochPlan {

    /** Epochs kept per JVM (of any runs): the current one, and the last of a run that just ended. */
    private static final int KEPT_EPOCHS = 2;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** By run and epoch: the plans of the partitions this JVM has worked on. */
    private static final Map<String, EpochPlan[]> EPOCHS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EpochPlan[]> eldest) {
            return size() > KEPT_EPOCHS;
        }
    };

    /** The partition's examples in epoch order, as indices into its block. */
    final int[] localRows;
    /** Each entry's place in the epoch: batch {@code key / width}, position {@code key % width} in it; ascending. */
    private final int[] keys;
    private final int width;

    private EpochPlan(int[] localRows, int[] keys, int width) {
        this.localRows = localRows;
        this.keys = keys;
        this.width = width;
    }

    /** The examples of this partition in batch {@code batch}. */
    int rows(int batch) {
        return start(batch + 1) - start(batch);
    }

    /** The first entry of batch {@code batch}: its examples are {@code localRows[start(batch) …]}. */
    int start(int batch) {
        long first = (long) batch * width;
        if (first > Integer.MAX_VALUE) {
            return keys.length;
        }
        int found = Arrays.binarySearch(keys, (int) first);
        if (found < 0) {
            return -found - 1;
        }
        return found;
    }

    /** The positions in batch {@code batch} of this partition's examples there, in entry order. */
    int[] positions(int batch) {
        int from = start(batch);
        int[] positions = new int[rows(batch)];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = keys[from + i] - batch * width;
        }
        return positions;
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
        EpochPlan[] plans;
        synchronized (EPOCHS) {
            plans = EPOCHS.computeIfAbsent(run.id + "/" + epoch, key -> new EpochPlan[run.offsets.length - 1]);
        }
        synchronized (plans) {
            if (plans[partition] == null) {
                plans[partition] = run.workerBatch > 0 ? perWorker(run, epoch, partition, rows)
                        : global(run, epoch, (int) start, (int) end);
            }
            return plans[partition];
        }
    }

    /** The partition's share of the global batches, in one machine's epoch order. */
    static EpochPlan global(RunSpec run, int epoch, int start, int end) {
        int used = (int) Math.min(run.examples(), (long) run.batchesPerEpoch() * run.batchSize);
        int[][] slice = EpochOrderSlice.of(run.examples(), EpochSeeds.shuffle(run.seed, epoch), start, end, used);
        return new EpochPlan(slice[0], slice[1], run.batchSize);
    }

    /** The partition's own full batches of {@code run.workerBatch} examples, in its own shuffled order. */
    static EpochPlan perWorker(RunSpec run, int epoch, int partition, int rows) {
        int batch = run.workerBatch;
        int count = run.batchesPerEpoch() * batch;
        int[] order = BatchIterator.epochOrder(rows, EpochSeeds.shuffle(run.seed ^ (partition * GOLDEN), epoch));
        int partitions = run.offsets.length - 1;
        int[] keys = new int[count];
        for (int i = 0; i < count; i++) {
            keys[i] = (i / batch) * partitions * batch + partition * batch + i % batch;
        }
        return new EpochPlan(Arrays.copyOf(order, count), keys, partitions * batch);
    }
}
