package io.github.nn4j.base;

import java.util.Arrays;

/**
 * Where one {@link Mode#TRAIN} forward pass sits in training, as a trainer knows it and layers
 * that draw random numbers (dropout) need it: the pass's number since the model's random layers
 * were seeded, and each input row's position in its batch.
 *
 * <p>A random layer draws its numbers from its seed, the pass's number and the rows' positions
 * alone. So a trainer that hands in the same pass number and positions gets the same random
 * numbers for a row, whichever other rows it computes with: {@code Trainer} numbers the batches
 * of each epoch from 0 (it reseeds the model every epoch), and a trainer that computes only some
 * rows of a batch names their positions in it.
 *
 * <pre>{@code
 * TrainingPass.of(3);                         // batch 3 of the epoch, rows at positions 0, 1, …
 * TrainingPass.of(3, new int[] {7, 2, 5});    // three rows of batch 3, at positions 7, 2 and 5
 * }</pre>
 *
 * <p>A pass over a share of a batch may also name where batch-normalization layers get the whole
 * batch's statistics ({@link #withBatchStatistics}).
 *
 * <p>Without a pass, as in {@code model.forward(x, Mode.TRAIN)}, a random layer counts its own
 * TRAIN passes since it was seeded and puts the rows at positions 0, 1, … in order.
 */
public final class TrainingPass {

    private final long number;
    private final int[] rowPositions;
    private final BatchStatistics batchStatistics;

    private TrainingPass(long number, int[] rowPositions, BatchStatistics batchStatistics) {
        if (number < 0) {
            throw new IllegalArgumentException("a training pass is numbered from 0, got " + number);
        }
        this.number = number;
        this.rowPositions = rowPositions;
        this.batchStatistics = batchStatistics;
    }

    /**
     * Pass {@code number}, its input rows at positions 0, 1, … of the batch, in order.
     *
     * @param number the pass's number since the random layers were seeded, from 0
     * @return the pass
     * @throws IllegalArgumentException when {@code number} is negative
     */
    public static TrainingPass of(long number) {
        return new TrainingPass(number, null, null);
    }

    /**
     * Pass {@code number} over some rows of a batch: input row {@code i} sits at
     * {@code rowPositions[i]} of the batch.
     *
     * @param number       the pass's number since the random layers were seeded, from 0
     * @param rowPositions each input row's position in the batch, one per row (copied)
     * @return the pass
     * @throws IllegalArgumentException when {@code number} or a position is negative, or
     *                                  {@code rowPositions} is null
     */
    public static TrainingPass of(long number, int[] rowPositions) {
        if (rowPositions == null) {
            throw new IllegalArgumentException("pass " + number + " needs row positions, got null");
        }
        for (int position : rowPositions) {
            if (position < 0) {
                throw new IllegalArgumentException("row positions are counted from 0, got " + position);
            }
        }
        return new TrainingPass(number, rowPositions.clone(), null);
    }

    /** The pass's number since the random layers were seeded, from 0. */
    public long number() {
        return number;
    }

    /**
     * Each input row's position in the batch.
     *
     * @return a copy of the positions, one per input row, or {@code null} when the rows sit at
     *         0, 1, … in order
     */
    public int[] rowPositions() {
        return rowPositions == null ? null : rowPositions.clone();
    }

    /**
     * This pass with its batch-normalization layers taking their batch's statistics from
     * {@code statistics}, for a pass over a share of a batch whose other rows another pass computes.
     *
     * @param statistics where the layers get the whole batch's moments and gradient sums
     * @return a new pass, with the same number and positions
     * @throws IllegalArgumentException when {@code statistics} is null
     */
    public TrainingPass withBatchStatistics(BatchStatistics statistics) {
        if (statistics == null) {
            throw new IllegalArgumentException("pass " + number + " needs batch statistics, got null");
        }
        return new TrainingPass(number, rowPositions, statistics);
    }

    /**
     * Where batch-normalization layers get their batch's statistics.
     *
     * @return the source given with {@link #withBatchStatistics}, or {@code null}: the pass's rows are the batch
     */
    public BatchStatistics batchStatistics() {
        return batchStatistics;
    }

    @Override
    public String toString() {
        return "TrainingPass(" + number + (rowPositions == null ? "" : ", rows at " + Arrays.toString(rowPositions)) + ")";
    }
}
