package io.github.nn4j.spark;

import io.github.nn4j.data.BatchIterator;
import io.github.nn4j.train.EpochSeeds;
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
 * Executors keep the plans of the latest epochs per JVM; the order costs 4 bytes per training
 * example while an epoch's plans are being made.
 */
final class EpochPlan {

    private static final int KEPT_ORDERS = 2;
    private static final int KEPT_PLANS = 64;

    private static final Map<String, int[]> ORDERS = lru(KEPT_ORDERS);
    private static final Map<String, EpochPlan> PLANS = lru(KEPT_PLANS);

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
        String key = run.id + "/" + epoch + "/" + partition;
        synchronized (PLANS) {
            EpochPlan plan = PLANS.get(key);
            if (plan == null) {
                plan = make(run, order(run, epoch), (int) start, (int) end);
                PLANS.put(key, plan);
            }
            return plan;
        }
    }

    private static int[] order(RunSpec run, int epoch) {
        String key = run.id + "/" + epoch;
        synchronized (ORDERS) {
            return ORDERS.computeIfAbsent(key, k ->
                    BatchIterator.epochOrder(run.examples(), EpochSeeds.shuffle(run.seed, epoch)));
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

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
