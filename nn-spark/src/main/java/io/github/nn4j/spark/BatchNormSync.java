package io.github.nn4j.spark;

import io.github.nn4j.base.ColumnMoments;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.internal.kernels.BatchNormKernels;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synchronized batch statistics for a synchronous step of a model with BatchNorm layers (PyTorch's
 * SyncBatchNorm, in Spark's terms). With k such layers a step runs 2k small jobs before the step's
 * own: each runs the partitions' passes up to the next layer that needs the global batch's
 * statistics ({@link ReplayedStatistics}), collects every partition's values for it in partition
 * order and combines them on the driver — forward the moments of the layer's input
 * ({@link ColumnMoments#plus}), backward the sums of dL/dy and dL/dy ⊙ x̂. The step's job then runs
 * with every round known. Each job replays the pass from the start, which costs compute but keeps
 * no state on executors between jobs: a lost executor or a retried task changes nothing. The
 * combined values are the same whatever the order tasks finish in, so two runs are bitwise equal
 * when the gradient sums are added in a fixed order too.
 *
 * <p>The driver moves its model's running statistics once per step, with the global moments and
 * the global batch's size, as one machine does.
 */
final class BatchNormSync {

    private BatchNormSync() {
    }

    /** The model's BatchNorm layers, in order. */
    static List<BatchNorm> layers(Sequential model) {
        List<BatchNorm> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof BatchNorm batchNorm) {
                layers.add(batchNorm);
            }
        }
        return layers;
    }

    /**
     * The global values of every batch-statistics round of global batch {@code batch}: the
     * forward rounds of the {@code layers} BatchNorm layers first to last, then the backward rounds
     * last to first.
     */
    static List<RoundValues> rounds(JavaRDD<Block> blocks, RunSpec run, Broadcast<FlatValues> weights, int epoch,
                                    int batch, int layers) {
        ArrayList<RoundValues> known = new ArrayList<>();
        for (int round = 0; round < 2 * layers; round++) {
            List<RoundValues> known0 = List.copyOf(known);
            List<RoundValues> parts = blocks.mapPartitionsWithIndex((partition, iterator) -> {
                Block block = iterator.next();
                EpochPlan plan = EpochPlan.of(run, epoch, partition, block.rows);
                Worker worker = WorkerPool.borrow(run);
                try {
                    List<RoundValues> part = new ArrayList<>(1);
                    part.add(worker.roundPart(run, block, plan, epoch, batch, weights.value(), known0));
                    return part.iterator();
                } finally {
                    WorkerPool.release(run, worker);
                }
            }, true).collect();
            known.add(RoundValues.combine(parts));
        }
        return known;
    }

    /**
     * Moves the running statistics of {@code model}'s BatchNorm layers towards the global batch's,
     * from the forward rounds of {@code rounds}.
     */
    static void updateRunning(Sequential model, List<BatchNorm> layers, List<RoundValues> rounds) {
        ParameterSet parameters = model.parameterSet();
        for (int k = 0; k < layers.size(); k++) {
            ColumnMoments batch = rounds.get(k).toMoments();
            double[] variance = batch.m2().clone();
            for (int j = 0; j < variance.length; j++) {
                variance[j] /= batch.count();
            }
            INDArray runningMean = parameters.get("batch_norm" + k + ".running_mean").value();
            INDArray runningVar = parameters.get("batch_norm" + k + ".running_var").value();
            BatchNormKernels.updateRunning(runningMean, runningVar, row(batch.mean(), runningMean),
                    row(variance, runningVar), layers.get(k).momentum(), batch.count());
        }
    }

    private static INDArray row(double[] values, INDArray like) {
        return Nd4j.createFromArray(values).reshape(like.shape()).castTo(like.dataType());
    }
}
