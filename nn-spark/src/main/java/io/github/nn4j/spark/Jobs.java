package io.github.nn4j.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark jobs of a training run, one per step (synchronous mode), per round (averaging mode)
 * or per validation pass. Each maps every cached block to one partial sum, computed by a pooled
 * {@link Worker}, and reduces the partial sums: by Spark's tree reduction, which adds them in the
 * order tasks finish, or, with a fixed order, in a tree of fixed shape ({@link OrderedTreeSum}), so
 * that two runs with the same partitions are bitwise equal. The closures capture the
 * {@link RunSpec}, the broadcast handle and a few numbers, nothing else. The blocks are placed
 * and cached by {@link PlacedBlocks}.
 */
final class Jobs {

    /** Depth of {@code treeReduce}: partial sums meet in intermediate tasks before the driver. */
    private static final int TREE_DEPTH = 2;

    private Jobs() {
    }

    /** One synchronous step: the gradients of global batch {@code batch}, summed over partitions. */
    static GradientSum step(JavaRDD<Block> blocks, RunSpec run, Broadcast<FlatValues> weights, int epoch,
                            int batch, boolean fixedOrder) {
        JavaRDD<GradientSum> parts = blocks.mapPartitionsWithIndex((partition, iterator) -> {
            Block block = iterator.next();
            if (run.hook != null) {
                run.hook.beforeStep(epoch, batch, partition);
            }
            EpochPlan plan = EpochPlan.of(run, epoch, partition, block.rows);
            Worker worker = WorkerPool.borrow(run);
            try {
                return single(worker.gradients(run, block, plan, epoch, batch, weights.value()));
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

    /** Summed loss and correct predictions of every example, in inference mode at {@code weights}. */
    static MetricSum evaluate(JavaRDD<Block> blocks, RunSpec run, Broadcast<FlatValues> weights, int chunk,
                              boolean fixedOrder) {
        JavaRDD<MetricSum> parts = blocks.mapPartitions(iterator -> {
            Block block = iterator.next();
            Worker worker = WorkerPool.borrow(run);
            try {
                return single(worker.evaluate(block, weights.value(), chunk));
            } finally {
                WorkerPool.release(run, worker);
            }
        }, true);
        return reduce(parts, fixedOrder, MetricSum::plus);
    }

    private static <T> T reduce(JavaRDD<T> parts, boolean fixedOrder, Function2<T, T, T> plus) {
        if (!fixedOrder) {
            return parts.treeReduce(plus, TREE_DEPTH);
        }
        return OrderedTreeSum.sum(parts, plus);
    }

    private static <T> Iterator<T> single(T value) {
        return List.of(value).iterator();
    }
}
