package io.github.nn4j.spark;

import io.github.nn4j.layers.LayerType;
import io.github.nn4j.train.TrainingSettings;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.OptimizerCodec;
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
    private int nativeThreads = NativeThreads.AUTOMATIC;
    private int partitions;
    private int workerBatch;
    private String checkpointUri;
    private int checkpointEvery;
    private StepHook hook;
    private final EpochPosition resumeAt;

    SparkTrainerBuilder(Sequential model) {
        super(model);
        this.loss = Loss::mse;
        this.resumeAt = null;
    }

    /** A builder continuing {@code checkpoint}'s run, with no loss until one is given. */
    SparkTrainerBuilder(SparkCheckpoint checkpoint) {
        super(checkpoint.checkpoint());
        this.resumeAt = checkpoint.position();
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
     * Averaging mode with a batch per worker, as dl4j-spark's {@code batchSizePerWorker}: every step
     * takes exactly {@code examples} examples on every partition (in each partition's own shuffled
     * order, reshuffled every epoch), so every partition takes the same number of optimizer steps
     * and Adam's step counts stay in line. The global batch is then {@code examples × partitions}
     * and {@code batchSize} is not used; an epoch has as many steps as the smallest partition has
     * full batches (partitions differ by at most one example), and the few examples left over in a
     * partition wait for the next epoch's shuffle. Without it, a partition computes its share of
     * each global batch, which varies, and skips a step in which it has no example.
     *
     * @param examples examples per partition and step, at least 1; every partition must hold as many
     * @return this builder
     */
    public SparkTrainerBuilder batchSizePerWorker(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("a batch per worker needs at least 1 example, got " + examples);
        }
        this.workerBatch = examples;
        return this;
    }

    /**
     * Whether partial sums are added in a fixed order (default {@code false}: Spark's tree
     * reduction, in the order tasks finish). With a fixed order two runs in the same number of
     * partitions are bitwise equal, whatever the executors' timing, also after executors are lost
     * and tasks rerun. The order is a tree of fixed shape: with P partitions, groups of ⌈√P⌉ are
     * added in partition order in an intermediate stage, and the driver adds the groups' sums in
     * order (up to 4 partitions, it adds them directly), so it receives about √P sums, not P.
     *
     * @param fixed {@code true} for a fixed order
     * @return this builder
     */
    public SparkTrainerBuilder fixedReductionOrder(boolean fixed) {
        this.fixedReductionOrder = fixed;
        return this;
    }

    /**
     * The partitions to train in (default: the cluster's task slots,
     * {@code SparkContext.defaultParallelism()}, or the data's partition count when it has fewer).
     * The examples are cut into this many equal contiguous ranges of their global order, in the
     * one shuffle that places them, so that no partition sets the pace of a step and the result
     * stays one machine's. The count changes the order of floating-point additions: fix it for
     * runs that must be bitwise equal on clusters of different sizes, and when resuming a checkpoint.
     * Fewer when there are fewer examples; more when a partition would hold more than 2³¹ − 8
     * feature values.
     *
     * @param count at least 1
     * @return this builder
     */
    public SparkTrainerBuilder partitions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + count);
        }
        this.partitions = count;
        return this;
    }

    /**
     * BLAS threads (where a step's time goes: the GEMMs) in every executor JVM that trains. The
     * default is the executor's cores divided by its task slots: in {@code local[N]}, the machine's
     * cores / N; on a cluster, {@code spark.task.cpus} (= {@code spark.executor.cores} / slots). 0
     * leaves ND4J's own choice (every core for every task). The setting is per JVM: in local mode it
     * holds for the driver during the fit, and the driver's earlier setting is restored after it.
     * (ND4J's own element-wise operations keep their thread count: ND4J 1.0.0-M2.1 cannot change it
     * once loaded; {@code spark.executorEnv.OMP_NUM_THREADS} sets it when executors start.)
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

    /**
     * Writes checkpoints behind a Hadoop URI ({@code hdfs://…}, {@code s3a://…}, {@code file:/…},
     * or a path on the default file system), with the Spark context's Hadoop configuration: after
     * every epoch (the bytes of {@code Trainer}'s checkpoint) and, with {@link #checkpointEvery},
     * within epochs. Each write replaces the file whole or not at all.
     * {@link SparkTrainer#resume(String, org.apache.spark.api.java.JavaSparkContext)} continues from
     * it. Instead of {@code checkpoint(Path)}, which writes a file on the driver's disk.
     *
     * @param uri the checkpoint's URI, or {@code null} for none
     * @return this builder
     */
    public SparkTrainerBuilder checkpoint(String uri) {
        this.checkpointUri = uri;
        return this;
    }

    /**
     * Also writes the checkpoint ({@code checkpoint(Path)} or {@link #checkpoint(String)}) within
     * epochs, after every {@code steps} optimizer steps (in averaging mode, at the end of the first
     * round after them), so that a lost driver loses at most that many steps. Such a checkpoint
     * holds the steps done in the epoch and the sums of its metrics so far: {@link SparkTrainer}'s
     * {@code resume} continues after its step exactly as the uninterrupted run (given the same
     * partition count); {@code Trainer.resume} refuses it.
     *
     * @param steps steps between checkpoints, at least 1
     * @return this builder
     */
    public SparkTrainerBuilder checkpointEvery(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("checkpoints every " + steps + " steps: give at least 1");
        }
        this.checkpointEvery = steps;
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
     *                                       layer cannot be sent to executors, averaging mode gets
     *                                       an optimizer or clipping it cannot send, a batch per worker
     *                                       is given without averaging mode, checkpoints within epochs
     *                                       have no target, or a checkpoint has two
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
        if (workerBatch > 0 && localSteps == 0) {
            throw new IllegalArgumentException("batchSizePerWorker(" + workerBatch + ") is for averaging mode: "
                    + "call averaging(k) too");
        }
        if (checkpointUri != null && settings.checkpoint() != null) {
            throw new IllegalArgumentException("two checkpoint targets, " + settings.checkpoint() + " and "
                    + checkpointUri + ": give one");
        }
        if (checkpointEvery > 0 && checkpointUri == null && settings.checkpoint() == null) {
            throw new IllegalArgumentException("checkpointEvery(" + checkpointEvery + ") needs a checkpoint target: "
                    + "checkpoint(path) or checkpoint(uri)");
        }
        if (checkpointUri != null) {
            OptimizerCodec.write(settings.optimizer());   // fails now, not after the first epoch
        }
        return new SparkTrainer(model(), loss, driverLoss, settings, new SparkSettings(localSteps, fixedReductionOrder,
                nativeThreads, partitions, workerBatch, checkpointUri, checkpointEvery, hook), resumeAt);
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
