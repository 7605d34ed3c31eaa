package io.github.nn4j.train;

import io.github.nn4j.model.LayerObserver;

/**
 * Hooks into the training loop, for logging, progress display, early stopping or checkpoints.
 * Every method does nothing by default; implement the ones you need.
 *
 * <pre>{@code
 * Trainer.builder(model)
 *         .listener(new TrainingListener() {
 *             public void onEpochEnd(TrainingState state, EpochResult result) {
 *                 System.out.println(result.epoch() + ": " + result.metric("val_accuracy"));
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>{@link #onBatchEnd} and {@link #stepObserver} run inside the hot loop: keep them to a few
 * arithmetic operations on most steps, and do heavier work (statistics of weights, gradients or
 * activations) on a sample of steps. Listeners run on the training thread, in the order they were
 * added.
 */
public interface TrainingListener {

    /**
     * Called once before the first epoch.
     *
     * @param state the run: model, epochs, batches per epoch
     */
    default void onTrainingStart(TrainingState state) {
    }

    /**
     * Called before each epoch; {@code state.epoch()} is the epoch about to run (1-based).
     *
     * @param state the run
     */
    default void onEpochStart(TrainingState state) {
    }

    /**
     * Asks to watch the coming step's forward and backward passes layer by layer, e.g. for
     * statistics of the activations on a sample of steps. Called before each step's forward pass;
     * the observer sees the layers' working buffers of that step ({@link LayerObserver} says how
     * long they stay valid) and must not change them, so a watched step trains exactly as an
     * unwatched one. Trainers whose passes run elsewhere (nn-spark's executors) do not call it.
     *
     * @param state the run
     * @param batch the batch about to run, 1-based within the epoch
     * @return an observer for this step only, or {@code null} (the default) to leave it unwatched,
     *         which costs nothing
     */
    default LayerObserver stepObserver(TrainingState state, int batch) {
        return null;
    }

    /**
     * Called after each optimizer step. After a step that updated this model from its own gradient
     * buffer ({@link Trainer}'s, and nn-spark's synchronous mode), that buffer
     * ({@code state.model().parameterSet().gradients()}) still holds the gradient the step applied,
     * after regularization and clipping, and the values are the updated parameters.
     *
     * @param state the run
     * @param batch the batch just finished, 1-based within the epoch
     * @param loss  the batch's mean training loss
     */
    default void onBatchEnd(TrainingState state, int batch, double loss) {
    }

    /**
     * Called after each epoch, once its training and validation metrics are known. Call
     * {@link TrainingState#requestStop(String)} to end training after this epoch.
     *
     * @param state  the run
     * @param result the epoch's metrics and timing
     */
    default void onEpochEnd(TrainingState state, EpochResult result) {
    }

    /**
     * Called once when training ends, normally or stopped early (not when it fails).
     *
     * @param state   the run
     * @param history every epoch's result
     */
    default void onTrainingEnd(TrainingState state, History history) {
    }
}
