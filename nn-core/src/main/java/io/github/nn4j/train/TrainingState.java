package io.github.nn4j.train;

import io.github.nn4j.model.Sequential;

/**
 * What a {@link TrainingListener} can see of a running {@code fit}: the model, where training
 * is, and a way to stop it after the current epoch.
 */
public final class TrainingState {

    private final Sequential model;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int trainingExamples;
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
        this.model = model;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.trainingExamples = trainingExamples;
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
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
