package io.github.nn4j.spark;

import io.github.nn4j.layers.LayerType;
import io.github.nn4j.train.TrainingSettings;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.train.Checkpoint;
import io.github.nn4j.train.TrainingSettingsBuilder;

/**
 * Settings for a {@link SparkTrainer}: the loss (as a factory), the settings every trainer shares
 * ({@link TrainingSettingsBuilder}, with {@code Trainer}'s defaults and meaning), and the mode.
 * On Spark, the batch size is the <em>global</em> batch: the examples of one optimizer step over
 * the whole cluster, of which each partition computes the gradient of its share. The optimizer,
 * schedule and listeners run on the driver, whose optimizer holds the state (averaging mode sends
 * copies of its settings and state to the executors); in synchronous mode the regularization and
 * clipping apply on the driver to the summed gradient; checkpoints are written on the driver, in
 * {@code Trainer}'s format, so {@code Trainer.resume} and {@link SparkTrainer#resume} both read them.
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
public final class SparkTrainerBuilder extends TrainingSettingsBuilder<SparkTrainerBuilder> {

    private LossFactory loss;
    private int localSteps;
    private boolean fixedReductionOrder;
    private int nativeThreads;
    private StepHook hook;

    SparkTrainerBuilder(Sequential model) {
        super(model);
        this.loss = Loss::mse;
    }

    /** A builder continuing {@code checkpoint}'s run, with no loss until one is given. */
    SparkTrainerBuilder(Checkpoint checkpoint) {
        super(checkpoint);
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
     * Builds the trainer, after the checks of {@link TrainingSettingsBuilder#checkedSettings}.
     *
     * @return the trainer
     * @throws IllegalArgumentException      when averaging mode gets a model with a BatchNorm layer, the loss or optimizer
     *                                       is missing, a resumed run has no loss or no epochs left, a
     *                                       layer cannot be sent to executors, or averaging mode gets
     *                                       an optimizer or clipping it cannot send
     * @throws UnsupportedOperationException when a checkpoint is asked for but the optimizer
     *                                       cannot be saved
     */
    public SparkTrainer build() {
        if (localSteps > 0) {
            refuseBatchNorm(model());
        }
        Loss driverLoss = loss == null ? null : loss.get();
        TrainingSettings settings = checkedSettings(driverLoss);
        ModelSpec.of(model());
        if (localSteps > 0) {
            UpdateSpec.of(settings.optimizer(), settings.regularization(), settings.clipping());
        }
        return new SparkTrainer(model(), loss, driverLoss, settings,
                new SparkSettings(localSteps, fixedReductionOrder, nativeThreads, hook));
    }

    /**
     * Refuses a model with batch normalization in averaging mode: there every partition takes its
     * own local steps, so each would normalize with its own share's statistics and move its own
     * running statistics, and the average of k steps' running statistics over partitions is no
     * running statistics one machine would have. Synchronous mode synchronizes them ({@link BatchNormSync}).
     */
    private static void refuseBatchNorm(Sequential model) {
        for (int i = 0; i < model.layers().size(); i++) {
            if (model.layers().get(i).typeName().equals(LayerType.BATCH_NORM.typeName())) {
                throw new IllegalArgumentException("layer " + i + " " + model.layers().get(i) + ": averaging mode "
                        + "does not support BatchNorm: each partition's local steps would normalize with that "
                        + "partition's own batch statistics and move its own running statistics, which no average "
                        + "turns into one machine's. Train a BatchNorm model in synchronous mode (the default), "
                        + "which synchronizes the batch statistics across partitions, or use LayerNorm");
            }
        }
    }
}
