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
import org.apache.spark.api.java.JavaRDD;

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
 * <p>Each partition is converted once into a block of floats that Spark caches (memory, then
 * disk) for the fit. Executors rebuild the model once per run and JVM and keep it between steps.
 * Epoch metrics, validation, listeners and checkpoints are {@code Trainer}'s: the checkpoint file
 * is the same, so a run can be resumed on Spark or on one machine.
 */
public final class SparkTrainer {

    final Sequential model;
    final LossFactory lossFactory;
    final Loss loss;
    final Optimizer optimizer;
    final TrainingSettings settings;
    final SparkSettings spark;
    int completedEpochs;
    StepCost stepCost;

    SparkTrainer(Sequential model, LossFactory lossFactory, Loss loss, TrainingSettings settings, SparkSettings spark) {
        this.model = model;
        this.lossFactory = lossFactory;
        this.loss = loss;
        this.optimizer = settings.optimizer();
        this.settings = settings;
        this.spark = spark;
        this.completedEpochs = settings.startEpoch();
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
     * if the run had them.
     *
     * @param checkpoint a checkpoint file
     * @return a builder holding the checkpoint's settings
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a checkpoint
     */
    public static SparkTrainerBuilder resume(Path checkpoint) throws IOException {
        return new SparkTrainerBuilder(Checkpoint.read(checkpoint));
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
     * @throws IllegalArgumentException when the data does not fit the model or is empty
     * @throws IllegalStateException    naming the epoch and batch when the loss becomes NaN or infinite;
     *                                  the weights and optimizer state are then those of the epoch's start
     * @throws UncheckedIOException     when a checkpoint cannot be written
     */
    public History fit(DistributedData train, DistributedData validation) {
        Nn4jPlatform.checkOnce();
        BlockFormat format = BlockFormat.of(model, loss.outputKind());
        JavaRDD<Block> blocks = Jobs.pin(train.blocks(format), "nn4j training blocks");
        JavaRDD<Block> held = validation == null ? null : Jobs.pin(validation.blocks(format), "nn4j validation blocks");
        String id = UUID.randomUUID().toString();
        try {
            long[] offsets = Jobs.offsets(blocks);
            if (offsets[offsets.length - 1] == 0) {
                throw new IllegalArgumentException("the training data is empty (" + (offsets.length - 1)
                        + " partitions)");
            }
            if (held != null && Jobs.offsets(held)[held.getNumPartitions()] == 0) {
                throw new IllegalArgumentException("the validation data is empty");
            }
            RunSpec run = new RunSpec(id, ModelSpec.of(model), lossFactory, format, offsets, settings.batchSize(),
                    settings.dropLastBatch(), settings.seed(), spark.averaging()
                    ? UpdateSpec.of(optimizer, settings.regularization(), settings.clipping()) : null,
                    spark.nativeThreads(), spark.hook());
            return new EpochLoop(this, train.context(), blocks, held, run).run();
        } finally {
            blocks.unpersist(false);
            if (held != null) {
                held.unpersist(false);
            }
            WorkerPool.forget(id);
        }
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
