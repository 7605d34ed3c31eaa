package io.github.nn4j.train;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.persist.SavedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings every trainer shares, with their defaults and checks: optimizer, batch size,
 * epochs, seed, last-batch rule, default listeners, added listeners, schedule, regularization,
 * clipping, checkpoint file, and where a resumed run starts. {@link TrainerBuilder} and the
 * data-parallel trainer's builder each hold one and pass their setters on to it; the loss is not
 * here, as each trainer takes it in its own form. The meaning of each setting is in
 * {@link TrainerBuilder}.
 *
 * <p>Public for trainers outside this package.
 */
public final class TrainingSettings {

    private Optimizer optimizer = new Sgd(0.01);
    private int batchSize = 32;
    private int epochs = 10;
    private long seed;
    private boolean dropLastBatch;
    private boolean logEpochs = true;
    private boolean progressBar = true;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private LearningRateSchedule schedule;
    private Regularization regularization;
    private GradientClipping clipping;
    private Path checkpoint;
    private int startEpoch;
    private TrainingProgress resumed;

    /** Settings with the defaults: SGD 0.01, batch 32, 10 epochs, seed 0, epoch log and progress bar on. */
    public TrainingSettings() {
    }

    /**
     * Settings that continue the run of a checkpoint: its optimizer (with its state), seed,
     * batch size, epoch count, last-batch rule and epochs done; the rest at the defaults.
     *
     * @param checkpoint a model file read with {@code ModelFile.readAll}
     * @return the settings
     * @throws IllegalArgumentException naming what is missing or wrong when the file is not a
     *                                  checkpoint, or its optimizer state does not fit its model
     */
    public static TrainingSettings fromCheckpoint(SavedModel checkpoint) {
        TrainingProgress progress = Checkpoints.progress(checkpoint);
        TrainingSettings settings = new TrainingSettings();
        settings.optimizer = Checkpoints.optimizer(checkpoint);
        settings.resumed = progress;
        settings.startEpoch = progress.epoch();
        settings.epochs = progress.epochs();
        settings.seed = progress.seed();
        settings.batchSize = progress.batchSize();
        settings.dropLastBatch = progress.dropLastBatch();
        return settings;
    }

    /** Sets the optimizer, or {@code null} for none (a trainer then refuses to be built). */
    public void optimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    /**
     * Sets the examples per step.
     *
     * @param batchSize at least 1
     * @throws IllegalArgumentException when it is less than 1
     */
    public void batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Sets the number of epochs; for a resumed run the total, epochs done included.
     *
     * @param epochs at least 1
     * @throws IllegalArgumentException when it is less than 1
     */
    public void epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
    }

    /** Sets the seed of shuffling and dropout. */
    public void seed(long seed) {
        this.seed = seed;
    }

    /** Sets whether an epoch's last, smaller batch is skipped. */
    public void dropLastBatch(boolean drop) {
        this.dropLastBatch = drop;
    }

    /** Sets whether a {@link ProgressLogger} logs a line per epoch. */
    public void logEpochs(boolean log) {
        this.logEpochs = log;
    }

    /** Sets whether a {@link ConsoleProgressBar} is shown on a console. */
    public void progressBar(boolean show) {
        this.progressBar = show;
    }

    /**
     * Adds a listener, to be called after the default ones in the order added.
     *
     * @param listener the listener
     * @throws IllegalArgumentException when it is {@code null}
     */
    public void listener(TrainingListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(listener);
    }

    /** Sets the learning-rate schedule, or {@code null} for none. */
    public void schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    /** Sets the weight penalties, or {@code null} for none. */
    public void regularization(Regularization regularization) {
        this.regularization = regularization;
    }

    /** Sets the gradient clipping, or {@code null} for none. */
    public void gradientClipping(GradientClipping clipping) {
        this.clipping = clipping;
    }

    /** Sets the file written after every epoch, or {@code null} for none. */
    public void checkpoint(Path file) {
        this.checkpoint = file;
    }

    /** The optimizer, or {@code null} when set to none. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The examples per step. */
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
        return startEpoch;
    }

    /** The progress of the checkpoint a run resumes, or {@code null} for a new run. */
    public TrainingProgress resumed() {
        return resumed;
    }

    /**
     * The listeners a trainer calls: the default ones that are on (progress bar, then the epoch
     * log unless a {@link ProgressLogger} was added), then the added ones in order.
     *
     * @return an unmodifiable list
     */
    public List<TrainingListener> listenersWithDefaults() {
        List<TrainingListener> all = new ArrayList<>();
        if (progressBar) {
            all.add(new ConsoleProgressBar());
        }
        if (logEpochs && listeners.stream().noneMatch(listener -> listener instanceof ProgressLogger)) {
            all.add(new ProgressLogger());
        }
        all.addAll(listeners);
        return List.copyOf(all);
    }

    /**
     * Checks that a resumed run was given its loss again (a checkpoint does not hold it); does
     * nothing for a new run.
     *
     * @param given whether the trainer has a loss
     * @throws IllegalArgumentException naming the checkpoint's loss when a resumed run has none
     */
    public void checkLossGiven(boolean given) {
        if (resumed != null && !given) {
            throw new IllegalArgumentException("a resumed trainer needs its loss again: call .loss(...) with the "
                    + "loss of the checkpoint's run (" + resumed.loss() + ")");
        }
    }

    /**
     * Checks that epochs are left to train: always so for a new run.
     *
     * @throws IllegalArgumentException when a resumed run has already done all its epochs
     */
    public void checkEpochsLeft() {
        if (epochs <= startEpoch) {
            throw new IllegalArgumentException("the checkpoint has already done " + startEpoch + " of " + epochs
                    + " epochs; set epochs(n) above " + startEpoch + " to train further");
        }
    }

    /**
     * Logs a warning for each of loss, schedule, regularization and clipping of a resumed run
     * that differs from the checkpoint's; does nothing for a new run.
     *
     * @param loss the run's loss
     */
    public void warnIfChanged(Loss loss) {
        if (resumed != null) {
            Checkpoints.warnIfChanged(resumed, loss, schedule, regularization, clipping);
        }
    }
}
