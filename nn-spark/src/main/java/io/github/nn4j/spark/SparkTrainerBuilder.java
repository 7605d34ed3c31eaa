package io.github.nn4j.spark;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.persist.OptimizerCodec;
import io.github.nn4j.train.ConsoleProgressBar;
import io.github.nn4j.train.ProgressLogger;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingSettings;
import java.nio.file.Path;

/**
 * Settings for a {@link SparkTrainer}: those of {@code TrainerBuilder}, with the same defaults
 * and meaning, plus the mode. The batch size is the <em>global</em> batch: the examples of one
 * optimizer step over the whole cluster.
 *
 * <pre>{@code
 * SparkTrainer trainer = SparkTrainer.builder(model)
 *         .loss(Loss::softmaxCrossEntropy)
 *         .optimizer(new Adam(1e-3))
 *         .batchSize(1024).epochs(10).seed(42)
 *         .build();                                  // synchronous: equals Trainer with batch 1024
 * SparkTrainer cheap = SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy)
 *         .averaging(20).batchSize(256).build();    // 20 local steps between averages
 * }</pre>
 */
public final class SparkTrainerBuilder {

    final Sequential model;
    final TrainingSettings settings;
    LossFactory loss = Loss::mse;
    int localSteps;
    boolean fixedReductionOrder;
    int nativeThreads;
    StepHook hook;

    SparkTrainerBuilder(Sequential model) {
        this(model, new TrainingSettings());
    }

    SparkTrainerBuilder(Sequential model, TrainingSettings settings) {
        if (model == null) {
            throw new IllegalArgumentException("model is null");
        }
        this.model = model;
        this.settings = settings;
    }

    /**
     * The loss (default: mean squared error), as a factory: the driver and every executor make
     * their own instance, as a loss keeps working buffers.
     *
     * @param loss e.g. {@code Loss::softmaxCrossEntropy}
     * @return this builder
     */
    public SparkTrainerBuilder loss(LossFactory loss) {
        this.loss = loss;
        return this;
    }

    /**
     * The update rule (default {@code new Sgd(0.01)}). It runs on the driver, whose instance holds
     * the state; averaging mode sends copies of its settings and state to the executors.
     *
     * @param optimizer the optimizer, one per trainer
     * @return this builder
     */
    public SparkTrainerBuilder optimizer(Optimizer optimizer) {
        settings.optimizer(optimizer);
        return this;
    }

    /**
     * Examples per optimizer step over the whole cluster (default 32); each partition computes
     * the gradient of its share of every global batch.
     *
     * @param batchSize at least 1
     * @return this builder
     */
    public SparkTrainerBuilder batchSize(int batchSize) {
        settings.batchSize(batchSize);
        return this;
    }

    /**
     * Passes over the training data (default 10); for a resumed trainer the total.
     *
     * @param epochs at least 1
     * @return this builder
     */
    public SparkTrainerBuilder epochs(int epochs) {
        settings.epochs(epochs);
        return this;
    }

    /** The seed of the epochs' order and dropout masks (default 0), as Trainer's; returns this builder. */
    public SparkTrainerBuilder seed(long seed) {
        settings.seed(seed);
        return this;
    }

    /** Whether to skip an epoch's last global batch when it is partial (default no); returns this builder. */
    public SparkTrainerBuilder dropLastBatch(boolean drop) {
        settings.dropLastBatch(drop);
        return this;
    }

    /** Whether to log a line per epoch with a {@link ProgressLogger} (default yes); returns this builder. */
    public SparkTrainerBuilder logEpochs(boolean log) {
        settings.logEpochs(log);
        return this;
    }

    /** Whether to show a {@link ConsoleProgressBar} on a console (default yes); returns this builder. */
    public SparkTrainerBuilder progressBar(boolean show) {
        settings.progressBar(show);
        return this;
    }

    /**
     * Adds a listener; listeners run on the driver, after the default ones, in the order added.
     *
     * @param listener e.g. an {@code EarlyStopping}
     * @return this builder
     */
    public SparkTrainerBuilder listener(TrainingListener listener) {
        settings.listener(listener);
        return this;
    }

    /**
     * A learning-rate schedule (default none), evaluated on the driver before every step.
     *
     * @param schedule the schedule, or {@code null}
     * @return this builder
     */
    public SparkTrainerBuilder schedule(LearningRateSchedule schedule) {
        settings.schedule(schedule);
        return this;
    }

    /**
     * L1/L2 penalties (default none), added on the driver in synchronous mode.
     *
     * @param regularization the penalties, or {@code null}
     * @return this builder
     */
    public SparkTrainerBuilder regularization(Regularization regularization) {
        settings.regularization(regularization);
        return this;
    }

    /**
     * Gradient clipping (default none) of the summed gradient, on the driver in synchronous mode.
     *
     * @param clipping the clipping, or {@code null}
     * @return this builder
     */
    public SparkTrainerBuilder gradientClipping(GradientClipping clipping) {
        settings.gradientClipping(clipping);
        return this;
    }

    /**
     * Writes a checkpoint on the driver after every epoch (default none), the same file
     * {@code Trainer} writes: {@code Trainer.resume} and {@link SparkTrainer#resume} both read it.
     *
     * @param file the checkpoint file, or {@code null}
     * @return this builder
     */
    public SparkTrainerBuilder checkpoint(Path file) {
        settings.checkpoint(file);
        return this;
    }

    /**
     * Averaging mode: every partition takes {@code localSteps} optimizer steps of its own, from
     * the current weights, on its shares of the next {@code localSteps} global batches (each step
     * on the mean loss of its share); then parameters and optimizer state are averaged, weighted
     * by the examples each partition trained on. One Spark job per {@code localSteps} batches
     * instead of one per batch. The result differs from one machine's (and from synchronous mode),
     * except at {@code localSteps = 1} with plain SGD and no clipping.
     *
     * @param localSteps k ≥ 1
     * @return this builder
     */
    public SparkTrainerBuilder averaging(int localSteps) {
        if (localSteps < 1) {
            throw new IllegalArgumentException("averaging needs at least 1 local step, got " + localSteps);
        }
        this.localSteps = localSteps;
        return this;
    }

    /**
     * Whether partial sums are added in partition order on the driver (default {@code false}:
     * Spark's tree reduction, in the order tasks finish). With a fixed order two runs are bitwise
     * equal, whatever the executors' timing; the driver then receives every partition's sum.
     *
     * @param fixed {@code true} for a fixed order
     * @return this builder
     */
    public SparkTrainerBuilder fixedReductionOrder(boolean fixed) {
        this.fixedReductionOrder = fixed;
        return this;
    }

    /**
     * Limits ND4J's operation and BLAS threads in every executor JVM that trains (default 0: leave
     * them). With several task slots per executor, such as {@code local[2]} on two cores, two
     * tasks with two BLAS threads each oversubscribe the cores; 1 avoids it. The setting is per
     * JVM: in local mode it holds for the driver too.
     *
     * @param threads threads per executor JVM, or 0
     * @return this builder
     */
    public SparkTrainerBuilder nativeThreadsPerExecutor(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be at least 0, got " + threads);
        }
        this.nativeThreads = threads;
        return this;
    }

    /** Tests: runs at the start of every training task. */
    SparkTrainerBuilder hook(StepHook hook) {
        this.hook = hook;
        return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     * @throws IllegalArgumentException when the loss or optimizer is missing, a resumed run has no
     *                                  epochs left, a layer cannot be sent to executors, or averaging
     *                                  mode gets an optimizer or clipping it cannot send
     */
    public SparkTrainer build() {
        settings.checkLossGiven(loss != null);
        if (loss == null || settings.optimizer() == null) {
            throw new IllegalArgumentException("a trainer needs a loss and an optimizer");
        }
        if (settings.resumed() != null) {
            settings.warnIfChanged(loss.get());
        }
        settings.checkEpochsLeft();
        if (settings.checkpoint() != null) {
            OptimizerCodec.write(settings.optimizer());
        }
        ModelSpec.of(model);
        if (localSteps > 0) {
            UpdateSpec.of(settings.optimizer(), settings.regularization(), settings.clipping());
        }
        return new SparkTrainer(this);
    }
}
