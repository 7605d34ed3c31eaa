package io.github.nn4j.spark;

import io.github.nn4j.train.TrainingSettings;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.platform.Nn4jPlatform;
import io.github.nn4j.train.Checkpoint;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains an nn4j model on data spread over a Spark cluster, data-parallel: the driver holds the
 * model and the optimizer, the executors hold the examples and compute on them.
 *
 * <pre>{@code
 * SparkTrainer trainer = SparkTrainer.builder(model)
 *         .loss(Loss::softmaxCrossEntropy)
 *         .optimizer(new Adam(1e-3))
 *         .batchSize(512).epochs(10).seed(42)
 *         .build();
 * History history = trainer.fit(DistributedData.of(frame, "features", "label"));
 * ModelFile.write(Path.of("model.nn4j"), model);        // an ordinary nn4j model
 * }</pre>
 *
 * <p><b>Synchronous mode</b> (the default) runs one Spark job per optimizer step: the weights
 * are broadcast, every partition computes the summed loss and the gradient of its share of the
 * global batch ({@code TrainingStep.computeGradients} with the global batch size), a tree
 * reduction adds them up, and the driver applies the update ({@code TrainingStep.applyUpdate}):
 * the schedule, regularization, clipping and optimizer state live on the driver only. Training
 * then equals {@code Trainer.fit} on one machine holding the same examples in the global order
 * (partitions in order, rows in order within each), with the same settings and batch size, up to
 * the order of floating-point additions, dropout included: an epoch's order is
 * {@code BatchIterator.epochOrder(n, EpochSeeds.shuffle(seed, epoch))}, as {@code Trainer}'s, and
 * each example's dropout masks depend on the seed, the step and its place in the global batch.
 * {@link SparkTrainerBuilder#fixedReductionOrder} makes two runs bitwise equal. BatchNorm layers
 * normalize every partition's share with the whole global batch's statistics, gathered in two
 * small jobs per layer and step (synchronized batch normalization), so they equal one machine's too.
 *
 * <p><b>Averaging mode</b> ({@link SparkTrainerBuilder#averaging(int)}) runs one job per k steps:
 * each partition takes k local steps on its shares of the next k global batches, then the
 * parameters and the optimizer's state are averaged. Cheaper, but not one machine's result; it
 * refuses BatchNorm.
 *
 * <p>Each partition is converted once into a block of floats (doubles for a DOUBLE model), and
 * the blocks are cut into equal contiguous ranges of the global order, one per task slot
 * ({@link SparkTrainerBuilder#partitions}), which Spark caches (memory, then disk) for the fit.
 * Executors rebuild the model once per run and JVM and keep it between steps. Epoch metrics,
 * validation, listeners and per-epoch checkpoints are {@code Trainer}'s: the checkpoint file is
 * the same, so a run can be resumed on Spark or on one machine; checkpoints can also go to a
 * Hadoop URI and be written within epochs ({@link SparkTrainerBuilder#checkpointEvery}).
 */
public final class SparkTrainer {

    final Sequential model;
    final LossFactory lossFactory;
    final Loss loss;
    final Optimizer optimizer;
    final TrainingSettings settings;
    final SparkSettings spark;
    int completedEpochs;
    /** Where in its next epoch the checkpoint this trainer resumes was written, until the epoch starts. */
    private EpochPosition resumeAt;
    StepCost stepCost;

    SparkTrainer(Sequential model, LossFactory lossFactory, Loss loss, TrainingSettings settings, SparkSettings spark,
                 EpochPosition resumeAt) {
        this.model = model;
        this.lossFactory = lossFactory;
        this.loss = loss;
        this.optimizer = settings.optimizer();
        this.settings = settings;
        this.spark = spark;
        this.completedEpochs = settings.startEpoch();
        this.resumeAt = resumeAt;
    }

    /**
     * Starts configuring a trainer for {@code model}.
     *
     * @param model the model to train; it stays on the driver and holds the result
     * @return a builder with {@code TrainerBuilder}'s defaults, in synchronous mode
     */
    public static SparkTrainerBuilder builder(Sequential model) {
        return new SparkTrainerBuilder(model);
    }

    /**
     * Starts configuring a trainer that continues the run of a checkpoint (written by this trainer
     * or by {@code Trainer}), with its model, optimizer, seed, batch size, epochs and last-batch
     * rule. Give the loss again, and the schedule, regularization, clipping, listeners and mode
     * (and the checkpoint target, to go on writing checkpoints) if the run had them. A checkpoint
     * written within an epoch ({@link SparkTrainerBuilder#checkpointEvery}) continues after its
     * step, with the epoch's metrics of the uninterrupted run.
     *
     * @param checkpoint a checkpoint file on the driver's disk
     * @return a builder holding the checkpoint's settings
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a checkpoint
     */
    public static SparkTrainerBuilder resume(Path checkpoint) throws IOException {
        return new SparkTrainerBuilder(SparkCheckpoint.read(checkpoint));
    }

    /**
     * As {@link #resume(Path)}, for a checkpoint behind a Hadoop URI ({@code hdfs://…},
     * {@code s3a://…}, {@code file:/…}), read with the context's Hadoop configuration.
     *
     * @param checkpointUri where {@link SparkTrainerBuilder#checkpoint(String)} wrote it
     * @param context       the Spark context, for its Hadoop configuration
     * @return a builder holding the checkpoint's settings
     * @throws IOException              naming the URI when it cannot be read
     * @throws IllegalArgumentException when it is not a checkpoint
     */
    public static SparkTrainerBuilder resume(String checkpointUri, JavaSparkContext context) throws IOException {
        return new SparkTrainerBuilder(SparkCheckpoint.read(checkpointUri, context.hadoopConfiguration()));
    }

    /**
     * Trains on {@code train} without validation.
     *
     * @param train the training examples
     * @return every epoch's metrics
     */
    public History fit(DistributedData train) {
        return fit(train, null);
    }

    /**
     * Trains for the configured epochs (or until a listener stops it) and measures the model on
     * {@code validation} after every epoch, as {@code Trainer.fit} does; the model on the driver
     * holds the result.
     *
     * @param train      the training examples
     * @param validation held-out examples, or {@code null}
     * @return every epoch's {@code loss}, {@code val_loss} (and {@code accuracy},
     *         {@code val_accuracy} for classification, {@code lr} with a schedule)
     * @throws IllegalArgumentException when the data does not fit the model or is empty, naming the
     *                                  source partition and the example (from 0 within it) of the first
     *                                  bad one, never its values; it is thrown once, on the driver,
     *                                  without a task failing (so without Spark's retries)
     * @throws IllegalStateException    naming the epoch and batch when the loss becomes NaN or infinite;
     *                                  the weights and optimizer state are then those of the epoch's start
     * @throws UncheckedIOException     when a checkpoint cannot be written
     */
    public History fit(DistributedData train, DistributedData validation) {
        Nn4jPlatform.checkOnce();
        JavaSparkContext context = train.context();
        BlockFormat format = BlockFormat.of(model, loss.outputKind());
        PlacedBlocks blocks = PlacedBlocks.of(train, format, partitions(train, context), "nn4j training blocks");
        PlacedBlocks held = null;
        String id = UUID.randomUUID().toString();
        try {
            if (blocks.examples() == 0) {
                throw new IllegalArgumentException("the training data is empty (" + blocks.sourcePartitions
                        + " partitions)");
            }
            if (validation != null) {
                held = PlacedBlocks.of(validation, format, partitions(validation, context), "nn4j validation blocks");
                if (held.examples() == 0) {
                    throw new IllegalArgumentException("the validation data is empty");
                }
            }
            int threads = spark.nativeThreads() != NativeThreads.AUTOMATIC ? spark.nativeThreads()
                    : NativeThreads.perExecutor(context.master(), context.getConf(),
                            Runtime.getRuntime().availableProcessors());
            RunSpec run = new RunSpec(id, ModelSpec.of(model), lossFactory, format, blocks.offsets, settings.batchSize(),
                    settings.dropLastBatch(), settings.seed(), spark.averaging()
                    ? UpdateSpec.of(optimizer, settings.regularization(), settings.clipping()) : null,
                    threads, spark.workerBatch(), spark.hook());
            return new EpochLoop(this, context, blocks.blocks, held == null ? null : held.blocks, run).run();
        } finally {
            blocks.unpersist();
            if (held != null) {
                held.unpersist();
            }
            WorkerPool.forget(id);
            if (context.isLocal()) {
                WorkerPool.restoreNativeThreads();
            }
        }
    }

    /**
     * The partitions to train {@code data} in: the builder's count, or by default the cluster's task
     * slots ({@code SparkContext.defaultParallelism()}), but not more than the data has partitions.
     */
    private int partitions(DistributedData data, JavaSparkContext context) {
        return spark.partitions() > 0 ? spark.partitions() : Math.min(data.partitions(), context.defaultParallelism());
    }

    /** The position within an epoch that a resumed run starts from, once; then {@code null}. */
    EpochPosition takeResumePosition() {
        EpochPosition position = resumeAt;
        resumeAt = null;
        return position;
    }

    /**
     * Saves a checkpoint on the driver: the model, the optimizer with its state and the progress,
     * atomically, in {@code Trainer}'s format.
     *
     * @param file the target
     * @throws IOException when it cannot be written; an old file is then unchanged
     */
    public void saveCheckpoint(Path file) throws IOException {
        checkpoint().write(file);
    }

    /** The model, optimizer and progress on the driver as they are now. */
    Checkpoint checkpoint() {
        return new Checkpoint(model, optimizer, settings.progress(completedEpochs, loss));
    }

    /** Epochs completed: 0 before training, the checkpoint's epoch when resumed, then counting. */
    public int completedEpochs() {
        return completedEpochs;
    }

    /**
     * Where the time of a step went in the last epoch trained: the driver's and the executors' parts
     * and the compute, as means per step.
     *
     * @return the split, or {@code null} before the first epoch
     */
    public StepCost stepCost() {
        return stepCost;
    }

    /** The model on the driver, which holds the trained weights. */
    public Sequential model() {
        return model;
    }

    /** The optimizer on the driver, with the run's state. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The listeners, default ones first, in call order. */
    public List<TrainingListener> listeners() {
        return settings.listeners();
    }
}
