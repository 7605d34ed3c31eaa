package io.github.nn4j.train;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.persist.OptimizerCodec;
import java.nio.file.Path;

/**
 * Settings for a {@link Trainer}; every option has a default, listed with it. From
 * {@link Trainer#builder(Sequential)} for a new run, or {@link Trainer#resume(Path)} to continue
 * a checkpoint (whose settings are then the defaults).
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model)
 *         .loss(Loss.softmaxCrossEntropy())
 *         .optimizer(new Sgd(0.1).momentum(0.9))
 *         .schedule(LearningRateSchedule.cosine(0.1, 1e-4, 30).withWarmup(500))
 *         .regularization(Regularization.l2(1e-4))
 *         .gradientClipping(GradientClipping.byGlobalNorm(5.0))
 *         .batchSize(128).epochs(30).seed(42)
 *         .checkpoint(Path.of("run.nn4j"))
 *         .build();
 * }</pre>
 */
public final class TrainerBuilder {

    final Sequential model;
    final TrainingSettings settings;
    Loss loss = Loss.mse();

    TrainerBuilder(Sequential model) {
        this(model, new TrainingSettings());
    }

    TrainerBuilder(Sequential model, TrainingSettings settings) {
        if (model == null) {
            throw new IllegalArgumentException("model is null");
        }
        this.model = model;
        this.settings = settings;
    }

    /**
     * The loss to minimize (default: mean squared error; a resumed trainer has none until
     * given one). Use the fused {@code Loss.softmaxCrossEntropy()} on logits for classes.
     *
     * @param loss the loss; one instance per trainer, as a loss keeps working buffers
     * @return this builder
     */
    public TrainerBuilder loss(Loss loss) {
        this.loss = loss;
        return this;
    }

    /**
     * The update rule (default: {@code new Sgd(0.01)}; a resumed trainer: the checkpoint's,
     * with its state). Its state advances with training, so use one optimizer per trainer.
     *
     * @param optimizer the optimizer
     * @return this builder
     */
    public TrainerBuilder optimizer(Optimizer optimizer) {
        settings.optimizer(optimizer);
        return this;
    }

    /**
     * Examples per mini-batch (default 32).
     *
     * @param batchSize at least 1
     * @return this builder
     */
    public TrainerBuilder batchSize(int batchSize) {
        settings.batchSize(batchSize);
        return this;
    }

    /**
     * Passes over the training data (default 10). For a resumed trainer this is the total,
     * as Keras's {@code epochs} with {@code initial_epoch}: a checkpoint of epoch 2 and
     * {@code epochs(4)} run epochs 3 and 4.
     *
     * @param epochs at least 1
     * @return this builder
     */
    public TrainerBuilder epochs(int epochs) {
        settings.epochs(epochs);
        return this;
    }

    /**
     * The seed of shuffling and dropout (default 0); the same seed gives the same training
     * run. Epoch e shuffles and draws dropout masks from seeds derived from
     * {@code (seed, e)}; the model's own seed is replaced by them.
     *
     * @param seed the seed
     * @return this builder
     */
    public TrainerBuilder seed(long seed) {
        settings.seed(seed);
        return this;
    }

    /**
     * Whether to skip the last batch of an epoch when it is smaller than the batch size
     * (default {@code false}: every example is used every epoch).
     *
     * @param drop {@code true} to drop it
     * @return this builder
     */
    public TrainerBuilder dropLastBatch(boolean drop) {
        settings.dropLastBatch(drop);
        return this;
    }

    /**
     * Whether to log one line per epoch through SLF4J with a {@link ProgressLogger}
     * (default {@code true}).
     *
     * @param log {@code false} for silence
     * @return this builder
     */
    public TrainerBuilder logEpochs(boolean log) {
        settings.logEpochs(log);
        return this;
    }

    /**
     * Whether to show a {@link ConsoleProgressBar} during long epochs on an interactive
     * console (default {@code true}).
     *
     * @param show {@code false} to never draw one
     * @return this builder
     */
    public TrainerBuilder progressBar(boolean show) {
        settings.progressBar(show);
        return this;
    }

    /**
     * Adds a listener, called after the default ones in the order added.
     *
     * @param listener e.g. an {@link EarlyStopping}
     * @return this builder
     */
    public TrainerBuilder listener(TrainingListener listener) {
        settings.listener(listener);
        return this;
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
    public TrainerBuilder schedule(LearningRateSchedule schedule) {
        settings.schedule(schedule);
        return this;
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
    public TrainerBuilder regularization(Regularization regularization) {
        settings.regularization(regularization);
        return this;
    }

    /**
     * Gradient clipping (default none), applied to the full gradient (penalty included)
     * right before every optimizer step.
     *
     * @param clipping e.g. {@code GradientClipping.byGlobalNorm(1.0)}, or {@code null} for none
     * @return this builder
     */
    public TrainerBuilder gradientClipping(GradientClipping clipping) {
        settings.gradientClipping(clipping);
        return this;
    }

    /**
     * Writes a checkpoint to {@code file} after every epoch (default none): the model, the
     * optimizer with its state and the progress, replacing the file atomically, so a crash
     * leaves the last complete epoch's checkpoint. {@link Trainer#resume(Path)} continues
     * from it; give the resumed trainer this path again, as it is not stored in the checkpoint.
     * The optimizer must be one of nn4j's (or registered with {@code OptimizerCodec}). What a program must
     * do to survive being killed is in {@code docs/robustness.md}.
     *
     * @param file the checkpoint file, or {@code null} for none
     * @return this builder
     */
    public TrainerBuilder checkpoint(Path file) {
        settings.checkpoint(file);
        return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     * @throws IllegalArgumentException when the loss or optimizer is missing, a resumed run
     *                                  has no loss or has already done all its epochs
     * @throws UnsupportedOperationException when a checkpoint is asked for but the optimizer
     *                                       cannot be saved
     */
    public Trainer build() {
        settings.checkLossGiven(loss != null);
        settings.checkEpochsLeft();
        settings.warnIfChanged(loss);
        if (loss == null || settings.optimizer() == null) {
            throw new IllegalArgumentException("a trainer needs a loss and an optimizer");
        }
        if (settings.checkpoint() != null) {
            OptimizerCodec.write(settings.optimizer());   // fails now, not after the first epoch, if it cannot be saved
        }
        return new Trainer(this);
    }
}
