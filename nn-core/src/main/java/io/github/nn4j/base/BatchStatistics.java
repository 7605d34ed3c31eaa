package io.github.nn4j.base;

/**
 * Where the batch-normalization layers of one {@link Mode#TRAIN} pass get the statistics of their
 * batch, when the pass computes only some of the batch's rows: a data-parallel trainer whose
 * workers each hold a share of a global batch hands one to every worker's pass
 * ({@link TrainingPass#withBatchStatistics}), and it combines the workers' shares (what PyTorch
 * calls SyncBatchNorm). Without one, a layer's batch is the pass's rows.
 *
 * <p>A layer asks twice per pass: forward, {@link #batchMoments} with its input's moments, and
 * backward, {@link #batchGradientSums} with its sums of dL/dy and dL/dy ⊙ x̂. The calls come in
 * the order of the layers: the forward calls first to last, then the backward calls last to first,
 * so with k batch-normalization layers a pass makes 2k calls, and a worker can number them. Each
 * answer must be the same for every share of the batch, or the shares' gradients do not add up to
 * the batch's. A layer computes its parameters' gradients from its own rows (so that they add up
 * over the shares) and its input gradient from the batch's sums.
 *
 * <p>An implementation may block until the other shares have arrived, or may throw to abandon the
 * pass (the model's buffers are then undefined until the next pass, and nothing was updated).
 *
 * <pre>{@code
 * TrainingPass pass = TrainingPass.of(batch, positions).withBatchStatistics(exchange);
 * step.computeGradients(myRows, myTargets, globalBatchSize, pass);
 * }</pre>
 */
public interface BatchStatistics {

    /**
     * The moments of the whole batch's input to a layer, given those of this pass's rows.
     *
     * @param local the count, column means and column sums of squared deviations of this pass's rows
     * @return those of the whole batch, over the same columns (at least 2 rows)
     */
    ColumnMoments batchMoments(ColumnMoments local);

    /**
     * Replaces the column sums over this pass's rows of {@code G = dL/dy} and of {@code G ⊙ x̂}
     * ({@code x̂} the normalized input) by the sums over the whole batch.
     *
     * @param gradientSums           {@code Σ_rows G}, one per column, replaced in place
     * @param normalizedGradientSums {@code Σ_rows G ⊙ x̂}, one per column, replaced in place
     */
    void batchGradientSums(double[] gradientSums, double[] normalizedGradientSums);
}
