package io.github.nn4j.train;

import io.github.nn4j.model.Sequential;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training when a monitored metric has not improved for {@code patience} epochs, and by
 * default puts back the weights of the best epoch.
 *
 * <pre>{@code
 * EarlyStopping stopping = EarlyStopping.monitor("val_loss").patience(3);
 * Trainer.builder(model).epochs(100).listener(stopping).build().fit(train, validation);
 * stopping.bestEpoch();       // the epoch whose weights the model now holds
 * }</pre>
 *
 * <p>Metrics whose name contains "loss" or "error" are minimized, others (accuracy) maximized,
 * unless {@link #minimize()} or {@link #maximize()} says otherwise. An epoch improves when it
 * beats the best value so far by more than {@code minDelta}. The best weights are kept as one
 * copy of the model's flat parameter buffer, refreshed only on improving epochs.
 */
public final class EarlyStopping implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    private final String metric;
    private boolean minimize;
    private int patience = 5;
    private double minDelta;
    private boolean restoreBestWeights = true;

    private double best;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private INDArray bestWeights;
    private INDArray bestStates;

    private EarlyStopping(String metric) {
        this.metric = metric;
        String lower = metric.toLowerCase(Locale.ROOT);
        this.minimize = lower.contains("loss") || lower.contains("error");
    }

    /**
     * Watches one metric of the {@link EpochResult}s, e.g. {@code "val_loss"} or {@code "val_accuracy"}.
     *
     * @param metric the metric name
     * @return an early stopping with patience 5, no minimum delta, restoring the best weights
     */
    public static EarlyStopping monitor(String metric) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("early stopping needs a metric name such as \"val_loss\"");
        }
        return new EarlyStopping(metric);
    }

    /**
     * How many epochs without improvement to allow before stopping.
     *
     * @param epochs at least 1
     * @return this
     */
    public EarlyStopping patience(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + epochs);
        }
        this.patience = epochs;
        return this;
    }

    /**
     * The smallest change that counts as an improvement.
     *
     * @param delta at least 0
     * @return this
     */
    public EarlyStopping minDelta(double delta) {
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("minDelta must be finite and ≥ 0, got " + delta);
        }
        this.minDelta = delta;
        return this;
    }

    /**
     * Whether to put back the best epoch's weights when training ends (default {@code true}).
     *
     * @param restore {@code false} to keep the last epoch's weights
     * @return this
     */
    public EarlyStopping restoreBestWeights(boolean restore) {
        this.restoreBestWeights = restore;
        return this;
    }

    /**
     * Treats lower values as better.
     *
     * @return this
     */
    public EarlyStopping minimize() {
        this.minimize = true;
        return this;
    }

    /**
     * Treats higher values as better.
     *
     * @return this
     */
    public EarlyStopping maximize() {
        this.minimize = false;
        return this;
    }

    /** The epoch with the best value of the last run, 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best value of the last run (NaN before any). */
    public double bestValue() {
        return bestEpoch == 0 ? Double.NaN : best;
    }

    @Override
    public void onTrainingStart(TrainingState state) {
        bestEpoch = 0;
        best = Double.NaN;
        epochsWithoutImprovement = 0;
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult result) {
        double value = result.metric(metric);
        boolean improved = Double.isFinite(value)
                && (bestEpoch == 0 || (minimize ? value < best - minDelta : value > best + minDelta));
        if (improved) {
            best = value;
            bestEpoch = result.epoch();
            epochsWithoutImprovement = 0;
            if (restoreBestWeights) {
                bestWeights = kept(bestWeights, state.model().parameterSet().values());
                bestStates = kept(bestStates, state.model().parameterSet().states());
            }
        } else if (++epochsWithoutImprovement >= patience) {
            state.requestStop(String.format(Locale.ROOT, "%s has not improved for %d epoch%s; best %.4f at epoch %d",
                    metric, epochsWithoutImprovement, epochsWithoutImprovement == 1 ? "" : "s", best, bestEpoch));
        }
    }

    /** A copy of {@code live} in {@code copy}'s memory when it fits, else a new one. */
    private static INDArray kept(INDArray copy, INDArray live) {
        if (copy == null || copy.length() != live.length() || copy.dataType() != live.dataType()) {
            return live.dup();
        }
        return live.length() == 0 ? copy : copy.assign(live);
    }

    @Override
    public void onTrainingEnd(TrainingState state, History history) {
        if (restoreBestWeights && bestEpoch > 0 && bestEpoch != history.epochs()) {
            Sequential model = state.model();
            model.parameterSet().values().assign(bestWeights);
            if (bestStates.length() > 0) {   // running statistics go with their weights
                model.parameterSet().states().assign(bestStates);
            }
            LOG.info("restored the weights of epoch {} ({} {})", bestEpoch, metric,
                    String.format(Locale.ROOT, "%.4f", best));
        }
    }
}
