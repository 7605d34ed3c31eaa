package io.github.nn4j.train;

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
 * <p>{@link #onBatchEnd} runs inside the hot loop: keep it to a few arithmetic operations.
 * Listeners run on the training thread, in the order they were added.
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
     * Called after each optimizer step.
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
