package io.github.nn4j.spark;

import io.github.nn4j.io.Section;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a run got within an epoch when a checkpoint was written between two of its steps: the
 * steps done and the sums the epoch's metrics are made of, so that a resumed run finishes the
 * epoch with the metrics of an uninterrupted one.
 *
 * @param epoch      the epoch in progress, 1-based
 * @param batches    its steps done (global batches, or per-worker steps)
 * @param lossSum    the summed loss (with penalty) of those steps' examples
 * @param correct    their correct predictions
 * @param examples   their examples
 * @param partitions the partitions the run trained in: a run resumed with others adds its partial
 *                   sums in another order
 */
record EpochPosition(int epoch, int batches, double lossSum, long correct, long examples, int partitions) {

    /** Checks the ranges. */
    EpochPosition {
        if (epoch < 1 || batches < 1 || examples < 0 || correct < 0 || partitions < 1) {
            throw new IllegalArgumentException("a position within an epoch needs epoch ≥ 1, batches ≥ 1, examples and "
                    + "correct ≥ 0, partitions ≥ 1; got epoch " + epoch + ", batches " + batches + ", examples "
                    + examples + ", correct " + correct + ", partitions " + partitions);
        }
    }

    /** These fields added to {@code settings}, as a checkpoint section stores them. */
    Map<String, Object> addTo(Map<String, Object> settings) {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put("batchesDone", batches);
        all.put("lossSum", lossSum);
        all.put("correct", correct);
        all.put("examples", examples);
        all.put("partitions", partitions);
        return all;
    }

    /** The position stored in {@code section}, within epoch {@code epoch}. */
    static EpochPosition from(Section section, int epoch) {
        return new EpochPosition(epoch, section.fields().intValue("batchesDone"), section.number("lossSum"),
                section.integer("correct"), section.integer("examples"), section.fields().intValue("partitions"));
    }
}
