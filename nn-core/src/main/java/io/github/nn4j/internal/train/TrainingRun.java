package io.github.nn4j.internal.train;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.train.Checkpoint;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingSettings;
import io.github.nn4j.train.TrainingState;
import java.util.List;
import java.util.Map;

/**
 * The epochs of one {@code fit} as every trainer runs them around its own steps: the listeners'
 * calls, each epoch's dropout seed, the rollback of an epoch whose loss stops being finite, the
 * checkpoint after every epoch, and the {@link History}. A trainer drives it, and it calls no
 * trainer:
 * <pre>{@code
 * TrainingRun run = TrainingRun.start(model, loss, settings, batchesPerEpoch, examples, validation, epochsDone);
 * while (run.nextEpoch()) {                 // false once every epoch ran or a listener asked to stop
 *     ...                                   // each step (watched by run.stepObserver(b)), then
 *                                           // run.batchDone(b, batches, loss, offset, rows)
 *     double trainSeconds = run.secondsInEpoch();
 *     ...                                   // the epoch's metrics; the trainer's epoch count = run.epoch()
 *     run.endEpoch(metrics, samples, trainSeconds);
 * }
 * return run.finish();
 * }</pre>
 */
public final class TrainingRun {

    private final Sequential model;
    private final Loss loss;
    private final TrainingSettings settings;
    private final List<TrainingListener> listeners;
    private final TrainingState state;
    private final EpochRollback rollback;
    private final History history = new History();
    private int epoch;
    private long epochStart;

    private TrainingRun(Sequential model, Loss loss, TrainingSettings settings, TrainingState state, int epochsDone) {
        this.model = model;
        this.loss = loss;
        this.settings = settings;
        this.listeners = settings.listeners();
        this.state = state;
        this.rollback = new EpochRollback(model.parameterSet(), settings.optimizer());
        this.epoch = epochsDone;
    }

    /**
     * Starts a run and tells the listeners ({@code onTrainingStart}).
     *
     * @param model           the model being trained
     * @param loss            the loss, which a checkpoint records by name
     * @param settings        the run's settings
     * @param batchesPerEpoch optimizer steps per epoch
     * @param examples        the training examples
     * @param validation      the validation data as given to {@code fit}, for listeners; {@code null} for none
     * @param epochsDone      the epochs done before this run: the first it runs is the next
     * @return the run, before its first epoch
     */
    public static TrainingRun start(Sequential model, Loss loss, TrainingSettings settings, int batchesPerEpoch,
                                    int examples, DataSet validation, int epochsDone) {
        int samples = batchesPerEpoch == 0 ? 0 : Math.min(examples, batchesPerEpoch * settings.batchSize());
        TrainingState state = new TrainingState(model, settings, batchesPerEpoch, samples, validation);
        TrainingRun run = new TrainingRun(model, loss, settings, state, epochsDone);
        run.listeners.forEach(listener -> listener.onTrainingStart(state));
        return run;
    }

    /**
     * Starts the next epoch, unless every epoch has run or a listener asked to stop: tells the
     * listeners ({@code onEpochStart}), remembers the weights and optimizer state for a rollback,
     * and reseeds the model's dropout for the epoch ({@link EpochSeeds#dropout}).
     *
     * @return whether an epoch started
     */
    public boolean nextEpoch() {
        if (epoch >= settings.epochs() || state.stopRequested()) {
            return false;
        }
        epoch++;
        state.startEpoch(epoch);
        listeners.forEach(listener -> listener.onEpochStart(state));
        epochStart = System.nanoTime();
        rollback.markEpochStart();
        model.reseed(EpochSeeds.dropout(settings.seed(), epoch));
        return true;
    }

    /** The current epoch, 1-based. */
    public int epoch() {
        return epoch;
    }

    /**
     * After a step: stops training when its loss is not finite, with the weights and optimizer
     * state put back to the epoch's start; otherwise tells the listeners ({@code onBatchEnd}).
     *
     * @param batch   the step's batch in the epoch, 0-based
     * @param batches batches in the epoch
     * @param loss    the batch's loss: mean cost plus penalty
     * @param offset  the batch's first example in the shuffled epoch
     * @param rows    the batch's examples
     * @throws IllegalStateException naming the epoch and batch when {@code loss} is NaN or infinite
     */
    public void batchDone(int batch, int batches, double loss, int offset, int rows) {
        if (!Double.isFinite(loss)) {
            throw rollback.restore(loss, epoch, batch + 1, batches, offset, rows);
        }
        for (TrainingListener listener : listeners) {
            listener.onBatchEnd(state, batch + 1, loss);
        }
    }

    /**
     * The observer the listeners ask for to watch the coming step ({@code TrainingListener.stepObserver}).
     *
     * @param batch the step's batch in the epoch, 0-based
     * @return the observer, or {@code null} when no listener watches this step (the usual case)
     */
    public LayerObserver stepObserver(int batch) {
        return StepObservers.ask(listeners, state, batch + 1);
    }

    /** Seconds since the current epoch started. */
    public double secondsInEpoch() {
        return (System.nanoTime() - epochStart) / 1e9;
    }

    /**
     * Ends the epoch: writes the checkpoint if one is set, then adds the epoch to the history and
     * tells the listeners ({@code onEpochEnd}). The trainer counts the epoch as done first, so that
     * a listener saving a checkpoint records it.
     *
     * @param metrics      the epoch's metrics
     * @param samples      training examples seen in the epoch
     * @param trainSeconds the seconds its steps took
     * @throws java.io.UncheckedIOException when the checkpoint cannot be written
     */
    public void endEpoch(Map<String, Double> metrics, long samples, double trainSeconds) {
        if (settings.checkpoint() != null) {
            new Checkpoint(model, settings.optimizer(), settings.progress(epoch, loss))
                    .writeAfterEpoch(settings.checkpoint());
        }
        EpochResult result = new EpochResult(epoch, metrics, samples, trainSeconds, secondsInEpoch());
        history.add(result);
        listeners.forEach(listener -> listener.onEpochEnd(state, result));
    }

    /**
     * Ends the run: records why it stopped early, if it did, and tells the listeners
     * ({@code onTrainingEnd}).
     *
     * @return every epoch's result
     */
    public History finish() {
        if (state.stopRequested()) {
            history.stopped(state.stopReason());
        }
        listeners.forEach(listener -> listener.onTrainingEnd(state, history));
        return history;
    }
}
