package io.github.nn4j.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark jobs of a training run, one per step (synchronous mode), per round (averaging mode)
 * or per validation pass. Each maps every cached block to one partial sum, computed by a pooled
 * {@link Worker}, and reduces the partial sums in the order tasks finish (on the driver, as they
 * arrive, for up to 8 partitions; in a tree of fan-in 8 above), or, with a fixed order, in a tree
 * of fixed shape ({@link OrderedTreeSum}), so that two runs with the same partitions are bitwise
 * equal. The closures capture the {@link RunSpec}, the broadcast handle and a few numbers, nothing
 * else. The blocks are placed and cached by {@link PlacedBlocks}.
 */
final class Jobs {

    /**
     * Partial sums the driver adds itself, as they arrive; above this many partitions they meet in
     * intermediate tasks first (a tree with this fan-in), which costs a shuffle of partial sums.
     */
    private static final int DRIVER_FAN_IN = 8;

    private Jobs() {
    }

    /**
     * One synchronous step: the gradients of global batch {@code batch}, summed over partitions;
     * with BatchNorm layers, their global batch statistics are {@code rounds} ({@link BatchNormSync}),
     * else {@code null}.
     */
    static GradientSum step(JavaRDD<Block> blocks, RunSpec run, Broadcast<FlatValues> weights, int epoch,
                            int batch, boolean fixedOrder, List<RoundValues> rounds) {
        JavaRDD<GradientSum> parts = blocks.mapPartitionsWithIndex((partition, iterator) -> {
            Block block = iterator.next();
            if (run.hook != null) {
                run.hook.beforeStep(epoch, batch, partition);
            }
            EpochPlan plan = EpochPlan.of(run, epoch, partition, block.rows);
            Worker worker = WorkerPool.borrow(run);
            try {
                return single(worker.gradients(run, block, plan, epoch, batch, weights.value(), rounds));
            } finally {
                WorkerPool.release(run, worker);
            }
        }, true);
        return reduce(parts, fixedOrder, GradientSum::plus);
    }

    /** One round of averaging mode over global batches {@code first … first+count−1}. */
    static AverageSum round(JavaRDD<Block> blocks, RunSpec run, Broadcast<RoundStart> start, int epoch, int first,
                            int count, boolean fixedOrder) {
        JavaRDD<AverageSum> parts = blocks.mapPartitionsWithIndex((partition, iterator) -> {
            Block block = iterator.next();
            if (run.hook != null) {
                run.hook.beforeStep(epoch, first, partition);
            }
            EpochPlan plan = EpochPlan.of(run, epoch, partition, block.rows);
            Worker worker = WorkerPool.borrow(run);
            try {
                return single(worker.localSteps(run, block, plan, epoch, first, count, start.value()));
            } finally {
                WorkerPool.release(run, worker);
            }
        }, true);
        return reduce(parts, fixedOrder, AverageSum::plus);
    }

    /**
     * Summed loss and correct predictions of every example, in inference mode at {@code weights} and
     * {@code states} (the running statistics; {@code null} for a model without).
     */
    static MetricSum evaluate(JavaRDD<Block> blocks, RunSpec run, Broadcast<FlatValues> weights,
                              Broadcast<FlatValues> states, int chunk, boolean fixedOrder) {
        JavaRDD<MetricSum> parts = blocks.mapPartitions(iterator -> {
            Block block = iterator.next();
            Worker worker = WorkerPool.borrow(run);
            try {
                return single(worker.evaluate(block, weights.value(), states == null ? null : states.value(), chunk));
            } finally {
                WorkerPool.release(run, worker);
            }
        }, true);
        return reduce(parts, fixedOrder, MetricSum::plus);
    }

    private static <T> T reduce(JavaRDD<T> parts, boolean fixedOrder, Function2<T, T, T> plus) {
        if (!fixedOrder) {
            int partitions = parts.getNumPartitions();
            return partitions <= DRIVER_FAN_IN ? parts.reduce(plus) : parts.treeReduce(plus, treeDepth(partitions));
        }
        return OrderedTreeSum.sum(parts, plus);
    }

    /** Levels of a tree of fan-in {@link #DRIVER_FAN_IN} over {@code partitions} leaves, at least 2. */
    static int treeDepth(int partitions) {
        int depth = 1;
        for (long leaves = DRIVER_FAN_IN; leaves < partitions; leaves *= DRIVER_FAN_IN) {
            depth++;
        }
        return Math.max(depth, 2);
    }

    private static <T> Iterator<T> single(T value) {
        return List.of(value).iterator();
    }
}
