package io.github.nn4j.train;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import java.nio.file.Path;
import java.util.List;

/**
 * The checked settings of one training run, as every trainer reads them: optimizer, batch size,
 * epochs, seed, last-batch rule, listeners, schedule, regularization, clipping, checkpoint file,
 * and the checkpoint a resumed run continues. Made only by the checks of a
 * {@link TrainingSettingsBuilder}, which also gives each setting's meaning;
 * it never changes afterwards (the optimizer's and listeners' own state do, as they train). The
 * loss is not here: each trainer takes it in its own form. Listeners read it from
 * {@link TrainingState#settings()}.
 */
public final class TrainingSettings {

    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final boolean dropLastBatch;
    private final List<TrainingListener> listeners;
    private final LearningRateSchedule schedule;
    private final Regularization regularization;
    private final GradientClipping clipping;
    private final Path checkpoint;
    private final TrainingProgress resumed;

    /**
     * The settings as {@code TrainingSettingsBuilder.checkedSettings} checked them; nothing else
     * makes one. Each is described at the builder's setter of the same name.
     *
     * @param optimizer      the optimizer
     * @param batchSize      examples per step
     * @param epochs         epochs in all, those of a resumed run's checkpoint included
     * @param seed           the seed of shuffling and dropout
     * @param dropLastBatch  whether a smaller last batch is skipped
     * @param listeners      the listeners in call order; copied
     * @param schedule       the learning-rate schedule, or {@code null}
     * @param regularization the weight penalties, or {@code null}
     * @param clipping       the gradient clipping, or {@code null}
     * @param checkpoint     the file written after every epoch, or {@code null}
     * @param resumed        the progress of the checkpoint a resumed run continues, or {@code null}
     */
    TrainingSettings(Optimizer optimizer, int batchSize, int epochs, long seed, boolean dropLastBatch,
                            List<TrainingListener> listeners, LearningRateSchedule schedule,
                            Regularization regularization, GradientClipping clipping, Path checkpoint,
                            TrainingProgress resumed) {
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
        this.dropLastBatch = dropLastBatch;
        this.listeners = List.copyOf(listeners);
        this.schedule = schedule;
        this.regularization = regularization;
        this.clipping = clipping;
        this.checkpoint = checkpoint;
        this.resumed = resumed;
    }

    /** The optimizer, whose state and step count advance as the run trains. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The examples per optimizer step. */
    public int batchSize() {
        return batchSize;
    }

    /** The number of epochs, epochs done before a resume included. */
    public int epochs() {
        return epochs;
    }

    /** The seed of shuffling and dropout. */
    public long seed() {
        return seed;
    }

    /** Whether an epoch's last, smaller batch is skipped. */
    public boolean dropLastBatch() {
        return dropLastBatch;
    }

    /** The listeners in call order: the default ones that are on, then the added ones; unmodifiable. */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** The learning-rate schedule, or {@code null}. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** The weight penalties, or {@code null}. */
    public Regularization regularization() {
        return regularization;
    }

    /** The gradient clipping, or {@code null}. */
    public GradientClipping clipping() {
        return clipping;
    }

    /** The file written after every epoch, or {@code null}. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** The epochs a resumed run has already done; 0 for a new run. */
    public int startEpoch() {
        return resumed == null ? 0 : resumed.epoch();
    }

    /**
     * The progress a checkpoint of this run records after {@code epochsDone} epochs: these
     * settings, with the loss, schedule, regularization and clipping by description.
     *
     * @param epochsDone the epochs completed
     * @param loss       the run's loss
     * @return the progress
     */
    public TrainingProgress progress(int epochsDone, Loss loss) {
        return new TrainingProgress(epochsDone, epochs, seed, batchSize, dropLastBatch, loss.getClass().getSimpleName(),
                describe(schedule), describe(regularization), describe(clipping));
    }

    /** A setting as a checkpoint records it: its {@code toString()}, or {@code null} when unset. */
    private static String describe(Object setting) {
        return setting == null ? null : setting.toString();
    }
}
