package io.github.nn4j.train;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.model.Sequential;
import java.util.Optional;

/**
 * What a {@link TrainingListener} can see of a running {@code fit}: the model, the settings and
 * validation data when the trainer gives them, where training is, and a way to stop it after the
 * current epoch.
 */
public final class TrainingState {

    private final Sequential model;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int trainingExamples;
    private final TrainingSettings settings;
    private final DataSet validation;
    private int epoch;
    private String stopReason;

    /**
     * The state of a run about to start; nn4j's trainers make it, a listener reads it.
     *
     * @param model            the model being trained
     * @param epochs           the epochs configured
     * @param batchesPerEpoch  optimizer steps per epoch
     * @param trainingExamples training examples seen per epoch
     */
    public TrainingState(Sequential model, int epochs, int batchesPerEpoch, int trainingExamples) {
        this(model, epochs, batchesPerEpoch, trainingExamples, null, null);
    }

    /**
     * The state of a run about to start, with the run's settings and validation data for the
     * listeners that show or use them.
     *
     * @param model            the model being trained
     * @param settings         the run's settings; {@link #epochs()} is theirs
     * @param batchesPerEpoch  optimizer steps per epoch
     * @param trainingExamples training examples seen per epoch
     * @param validation       the validation data as given to {@code fit}, or {@code null} for none
     *                         (or none on this machine)
     */
    public TrainingState(Sequential model, TrainingSettings settings, int batchesPerEpoch, int trainingExamples,
                         DataSet validation) {
        this(model, settings.epochs(), batchesPerEpoch, trainingExamples, settings, validation);
    }

    private TrainingState(Sequential model, int epochs, int batchesPerEpoch, int trainingExamples,
                          TrainingSettings settings, DataSet validation) {
        this.model = model;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.trainingExamples = trainingExamples;
        this.settings = settings;
        this.validation = validation;
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /** The run's settings (optimizer, batch size, schedule, …), when the trainer gave them. */
    public Optional<TrainingSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /** The validation data given to {@code fit}, when there is some on this machine. */
    public Optional<DataSet> validation() {
        return Optional.ofNullable(validation);
    }

    /** The current epoch, 1-based; 0 before the first. */
    public int epoch() {
        return epoch;
    }

    /** The number of epochs configured (training may stop earlier). */
    public int epochs() {
        return epochs;
    }

    /** Optimizer steps per epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Training examples seen per epoch. */
    public int trainingExamples() {
        return trainingExamples;
    }

    /**
     * Ends training after the current epoch.
     *
     * @param reason why, kept in the {@link History}, e.g. "val_loss has not improved for 3 epochs"
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Whether a listener asked to stop. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /** The first reason given to {@link #requestStop}, or {@code null}. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Moves the run to {@code epoch}; the trainer calls this before the epoch's listeners.
     *
     * @param epoch the epoch starting, 1-based
     */
    public void startEpoch(int epoch) {
        this.epoch = epoch;
    }
}
