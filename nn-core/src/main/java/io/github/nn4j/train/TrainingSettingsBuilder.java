package io.github.nn4j.train;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings every trainer shares, each with its default and its meaning, and the one place
 * where they are checked: {@link TrainerBuilder} and the data-parallel trainer's builder extend
 * it and add only their own settings (the loss, in each trainer's form, and the data-parallel
 * modes). Every setter returns the builder it is called on, so the settings chain in any order:
 * {@code Trainer.builder(model).optimizer(new Adam(1e-3)).loss(Loss.mse()).build()}. The
 * protected members serve nn4j's own trainers, which extend this class, and may change.
 *
 * @param <B> the builder's own type, which every setter returns
 */
public abstract class TrainingSettingsBuilder<B extends TrainingSettingsBuilder<B>> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSettingsBuilder.class);

    private final Sequential model;
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
    private final TrainingProgress resumed;

    /**
     * A builder for a new run of {@code model}, with every setting at its default.
     *
     * @param model the model to train; {@code null} is refused with an {@code IllegalArgumentException}
     */
    protected TrainingSettingsBuilder(Sequential model) {
        if (model == null) {
            throw new IllegalArgumentException("model is null");
        }
        this.model = model;
        this.resumed = null;
    }

    /**
     * A builder that continues the run of a checkpoint: its model, its optimizer (with its state),
     * seed, batch size, epoch count and last-batch rule; the other settings at their defaults.
     *
     * @param checkpoint the checkpoint, as {@link Checkpoint#read} reads it
     */
    protected TrainingSettingsBuilder(Checkpoint checkpoint) {
        TrainingProgress progress = checkpoint.progress();
        this.model = checkpoint.model();
        this.optimizer = checkpoint.optimizer();
        this.epochs = progress.epochs();
        this.seed = progress.seed();
        this.batchSize = progress.batchSize();
        this.dropLastBatch = progress.dropLastBatch();
        this.resumed = progress;
    }

    /** The model to train. */
    protected final Sequential model() {
        return model;
    }

    /**
     * The update rule (default: {@code new Sgd(0.01)}; a resumed trainer: the checkpoint's,
     * with its state). Its state advances with training, so use one optimizer per trainer.
     *
     * @param optimizer the optimizer
     * @return this builder
     */
    public final B optimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
        return self();
    }

    /**
     * Examples per optimizer step (default 32).
     *
     * @param batchSize at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is less than 1
     */
    public final B batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /**
     * Passes over the training data (default 10). For a resumed trainer this is the total,
     * as Keras's {@code epochs} with {@code initial_epoch}: a checkpoint of epoch 2 and
     * {@code epochs(4)} run epochs 3 and 4.
     *
     * @param epochs at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is less than 1
     */
    public final B epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        return self();
    }

    /**
     * The seed of shuffling and dropout (default 0); the same seed gives the same training
     * run. Epoch e shuffles and draws dropout masks from seeds derived from
     * {@code (seed, e)} alone; the model's own seed is replaced by them.
     *
     * @param seed the seed
     * @return this builder
     */
    public final B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Whether to skip an epoch's last batch when it is smaller than the batch size (default
     * {@code false}: every example is used every epoch).
     *
     * @param drop {@code true} to drop it
     * @return this builder
     */
    public final B dropLastBatch(boolean drop) {
        this.dropLastBatch = drop;
        return self();
    }

    /**
     * Whether to log one line per epoch through SLF4J with a {@link ProgressLogger}
     * (default {@code true}; not twice when a {@code ProgressLogger} is added as a listener).
     *
     * @param log {@code false} for silence
     * @return this builder
     */
    public final B logEpochs(boolean log) {
        this.logEpochs = log;
        return self();
    }

    /**
     * Whether to show a {@link ConsoleProgressBar} during long epochs on an interactive
     * console (default {@code true}).
     *
     * @param show {@code false} to never draw one
     * @return this builder
     */
    public final B progressBar(boolean show) {
        this.progressBar = show;
        return self();
    }

    /**
     * Adds a listener, called after the default ones in the order added.
     *
     * @param listener e.g. an {@link EarlyStopping}
     * @return this builder
     * @throws IllegalArgumentException when it is {@code null}
     */
    public final B listener(TrainingListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(listener);
        return self();
    }

    /**
     * A learning-rate schedule (default none: the optimizer's own rate throughout). Before
     * every step the optimizer's rate is set to
     * {@code schedule.learningRate(epoch − 1, optimizer.steps())}, and each epoch's
     * {@link History} gets the metric {@code "lr"}: the rate of the epoch's last step.
     *
     * @param schedule the schedule, or {@code null} for none
     * @return this builder
     */
    public final B schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return self();
    }

    /**
     * L1/L2 penalties on the weights (default none). Each step adds their gradient after the
     * backward pass (before clipping), and the reported {@code loss} and {@code val_loss} are
     * the objective {@code cost + penalty}: the penalty at the weights of every step for
     * {@code loss}, at the epoch's final weights for {@code val_loss}. For decoupled weight
     * decay use the optimizer's {@code weightDecay} instead.
     *
     * @param regularization the penalties, or {@code null} for none; one instance per trainer
     * @return this builder
     */
    public final B regularization(Regularization regularization) {
        this.regularization = regularization;
        return self();
    }

    /**
     * Gradient clipping (default none), applied to the full gradient (penalty included)
     * right before every optimizer step.
     *
     * @param clipping e.g. {@code GradientClipping.byGlobalNorm(1.0)}, or {@code null} for none
     * @return this builder
     */
    public final B gradientClipping(GradientClipping clipping) {
        this.clipping = clipping;
        return self();
    }

    /**
     * Writes a checkpoint to {@code file} after every epoch (default none): the model, the
     * optimizer with its state and the progress, replacing the file atomically, so a crash
     * leaves the last complete epoch's checkpoint. {@code Trainer.resume} (or the data-parallel
     * trainer's {@code resume}) continues from it; give the resumed trainer this path again, as
     * it is not stored in the checkpoint. The optimizer must be one of nn4j's (or registered with
     * {@code OptimizerCodec}). What a program must do to survive being killed is in
     * {@code docs/robustness.md}.
     *
     * @param file the checkpoint file, or {@code null} for none
     * @return this builder
     */
    public final B checkpoint(Path file) {
        this.checkpoint = file;
        return self();
    }

    /**
     * For nn4j's trainers: checks the settings together with the loss the trainer will minimize
     * and returns them as one value; a trainer's {@code build()} calls it first. The checks, in
     * this order: a resumed run was given its loss again; there are a loss and an optimizer;
     * epochs are left to train; a checkpoint's optimizer can be saved. Then, for a resumed run, a
     * warning is logged for each of loss, schedule, regularization and clipping that differs.
     *
     * @param loss the loss, or {@code null} when none was given
     * @return the settings, with the listeners in call order (default ones first)
     * @throws IllegalArgumentException      when a check fails, naming it
     * @throws UnsupportedOperationException when a checkpoint is asked for but the optimizer cannot be saved
     */
    protected final TrainingSettings checkedSettings(Loss loss) {
        if (resumed != null && loss == null) {
            throw new IllegalArgumentException("a resumed trainer needs its loss again: call .loss(...) with the "
                    + "loss of the checkpoint's run (" + resumed.loss() + ")");
        }
        if (loss == null || optimizer == null) {
            throw new IllegalArgumentException("a trainer needs a loss and an optimizer");
        }
        int startEpoch = resumed == null ? 0 : resumed.epoch();
        if (epochs <= startEpoch) {
            throw new IllegalArgumentException("the checkpoint has already done " + startEpoch + " of " + epochs
                    + " epochs; set epochs(n) above " + startEpoch + " to train further");
        }
        if (checkpoint != null) {
            Checkpoint.requireSaveable(optimizer);   // fails now, not after the first epoch
        }
        TrainingSettings settings = new TrainingSettings(optimizer, batchSize, epochs, seed, dropLastBatch,
                listenersWithDefaults(), schedule, regularization, clipping, checkpoint, resumed);
        if (resumed != null) {
            resumed.changesIn(settings.progress(startEpoch, loss)).forEach(LOG::warn);
        }
        return settings;
    }

    /** The default listeners that are on (progress bar, then epoch log unless one was added), then the added ones. */
    private List<TrainingListener> listenersWithDefaults() {
        List<TrainingListener> all = new ArrayList<>();
        if (progressBar) {
            all.add(new ConsoleProgressBar());
        }
        if (logEpochs && listeners.stream().noneMatch(listener -> listener instanceof ProgressLogger)) {
            all.add(new ProgressLogger());
        }
        all.addAll(listeners);
        return all;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
