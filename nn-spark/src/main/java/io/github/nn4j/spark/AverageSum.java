package io.github.nn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What partitions send back from one round of averaging mode, and their sum: parameters and
 * optimizer state after their local steps, each multiplied by the examples the partition trained
 * on (so the sum divided by {@link #weight} is the average weighted by examples), and the loss
 * sums, penalties, example and correct counts of every batch of the round.
 */
final class AverageSum implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Examples trained on: the weight of these parameters in the average. */
    double weight;
    /** Parameters times weight, {@code null} for a partition that had no example in the round. */
    FlatValues parameters;
    /** Optimizer state buffers times weight, by name. */
    LinkedHashMap<String, FlatValues> state;
    /** Per batch of the round: summed losses, summed penalty × rows, examples. */
    double[] batchLoss;
    double[] batchPenalty;
    long[] batchRows;
    long correct;
    /** The slowest task's times. */
    TaskTimes times;

    AverageSum(int batches) {
        this.batchLoss = new double[batches];
        this.batchPenalty = new double[batches];
        this.batchRows = new long[batches];
        this.state = new LinkedHashMap<>();
    }

    /** {@code a + b}, reusing {@code a}'s (or {@code b}'s) arrays. */
    static AverageSum plus(AverageSum a, AverageSum b) {
        if (a.parameters == null) {
            AverageSum swap = a;
            a = b;
            b = swap;
        }
        if (b.parameters != null) {
            a.parameters.addScaled(b.parameters, 1);
            for (Map.Entry<String, FlatValues> entry : a.state.entrySet()) {
                FlatValues other = b.state.get(entry.getKey());
                if (other == null) {
                    throw new IllegalStateException("optimizer states of different shapes: " + a.state.keySet()
                            + " and " + b.state.keySet());
                }
                entry.getValue().addScaled(other, 1);
            }
        }
        a.times = TaskTimes.max(a.times, b.times);
        a.weight += b.weight;
        a.correct += b.correct;
        for (int i = 0; i < a.batchLoss.length; i++) {
            a.batchLoss[i] += b.batchLoss[i];
            a.batchPenalty[i] += b.batchPenalty[i];
            a.batchRows[i] += b.batchRows[i];
        }
        return a;
    }
}
