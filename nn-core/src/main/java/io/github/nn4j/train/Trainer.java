package io.github.nn4j.train;

import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.data.Batch;
import io.github.nn4j.data.BatchIterator;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.internal.model.ChunkedInference;
import io.github.nn4j.internal.train.EpochSeeds;
import io.github.nn4j.internal.train.TrainingRun;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.losses.OutputKind;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.platform.Nn4jPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mini-batch training loop: for each epoch, shuffle, and for each batch one
 * {@link TrainingStep} (compute the batch's gradients, then apply the update); then measure the
 * epoch on the validation data, write the checkpoint if one is configured, and tell the listeners.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model)
 *         .loss(Loss.softmaxCrossEntropy())
 *         .optimizer(new Sgd(0.1))
 *         .batchSize(128).epochs(10).seed(42)
 *         .listener(EarlyStopping.monitor("val_loss").patience(3))
 *         .build();
 * History history = trainer.fit(train, validation);
 * }</pre>
 *
 * <p>One step, for each mini-batch, in this order (optional parts only when configured; a feature
 * that is off costs nothing): forward in {@code TRAIN} mode, the batch's loss, backward
 * ({@link TrainingStep#computeGradients}); then the schedule's learning rate, the regularization's
 * penalty and gradient, clipping and the optimizer's step ({@link TrainingStep#applyUpdate}). The
 * reported loss is the batch's mean loss plus the penalty. If it is NaN or infinite, training stops
 * with an error naming the epoch and batch, and the weights and the optimizer's state and step
 * count are back at their values from the start of that epoch.
 *
 * <p>With a classification loss the labels may be class indices; they become one-hot rows once,
 * when {@code fit} starts, and the epoch reports {@code accuracy} besides {@code loss}.
 *
 * <p>Training is deterministic: the same model initialization, data, configuration and seed give
 * bitwise the same weights and metrics. Each epoch's shuffle and dropout masks come from seeds
 * derived from {@code (seed, epoch)} alone ({@link EpochSeeds}), the masks of batch b from its
 * {@link TrainingPass} b, so epoch k is the same whether the run started at
 * epoch 1 or was resumed from a checkpoint of epoch k − 1 ({@link #resume(Path)}). A trainer
 * trains one model on one thread.
 */
public final class Trainer {

    private final Sequential model;
    private final Loss loss;
    private final TrainingSettings settings;
    private final Optimizer optimizer;
    private final TrainingStep trainingStep;
    private int completedEpochs;

    Trainer(Sequential model, Loss loss, TrainingSettings settings) {
        this.model = model;
        this.loss = loss;
        this.settings = settings;
        this.optimizer = settings.optimizer();
        this.completedEpochs = settings.startEpoch();
        this.trainingStep = new TrainingStep(model, loss, optimizer, settings.schedule(), settings.regularization(),
                settings.clipping());
    }

    /**
     * Starts configuring a trainer for {@code model}.
     *
     * @param model the model to train
     * @return a builder with defaults: MSE loss, SGD 0.01, batch 32, 10 epochs, seed 0, epoch log
     *         and progress bar on
     */
    public static TrainerBuilder builder(Sequential model) {
        return new TrainerBuilder(model);
    }

    /**
     * Starts configuring a trainer that continues the run saved in a checkpoint, with the
     * checkpoint's model, optimizer (settings and state), seed, batch size, epoch count and
     * last-batch rule; the next {@code fit} runs the epochs after the saved one up to
     * {@link TrainerBuilder#epochs(int)}. The loss must be given again with
     * {@link TrainerBuilder#loss}, and the checkpoint path (not stored); give the schedule,
     * regularization, clipping and listeners again too if the run had them (a difference from
     * the checkpoint's is logged as a warning).
     * {@code Trainer.resume(path).loss(Loss.softmaxCrossEntropy()).build().fit(train, validation)}
     * after a crash in epoch 7 of 10 runs epochs 7 to 10.
     *
     * @param checkpoint a file written by {@link TrainerBuilder#checkpoint(Path)} or {@link #saveCheckpoint(Path)}
     * @return a builder holding the checkpoint's settings, each of which may be changed
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the file is a model file but not a checkpoint
     */
    public static TrainerBuilder resume(Path checkpoint) throws IOException {
        return resume(ModelFile.readAll(checkpoint));
    }

    /**
     * Like {@link #resume(Path)}, from a model file already read.
     *
     * @param checkpoint what {@link ModelFile#readAll(Path)} read from a checkpoint
     * @return a builder holding the checkpoint's settings
     * @throws IllegalArgumentException naming what is missing when it is not a checkpoint
     */
    public static TrainerBuilder resume(SavedModel checkpoint) {
        return new TrainerBuilder(Checkpoint.read(checkpoint));
    }

    /**
     * Trains on {@code train} without validation: {@link #fit(DataSet, DataSet) fit(train, null)}.
     *
     * @param train the training examples
     * @return every epoch's {@code loss} (and {@code accuracy} for classification)
     */
    public History fit(DataSet train) {
        return fit(train, null);
    }

    /**
     * Trains on {@code train} for the configured number of epochs (or until a listener stops it;
     * a resumed trainer runs the epochs after its checkpoint's) and measures the model on
     * {@code validation} after every epoch.
     *
     * @param train      the training examples
     * @param validation the held-out examples, or {@code null}
     * @return every epoch's {@code loss}, {@code val_loss} (and {@code accuracy},
     *         {@code val_accuracy} for classification, {@code lr} with a schedule); the loss is
     *         the objective: with a regularization, its penalty is included in both losses
     * @throws UncheckedIOException  when a configured checkpoint cannot be written
     * @throws IllegalStateException naming the epoch and batch if the loss becomes NaN or infinite;
     *                               the model's weights and the optimizer's state and step count
     *                               are then back at their values from the start of that epoch
     */
    public History fit(DataSet train, DataSet validation) {
        Nn4jPlatform.checkOnce();
        OutputKind kind = loss.outputKind().forOutputs(model.outputSize());
        PreparedData training = PreparedData.of(train, model, kind, "training");
        PreparedData held = validation == null ? null : PreparedData.of(validation, model, kind, "validation");
        long seed = settings.seed();
        BatchIterator iterator = new BatchIterator(training.data(), settings.batchSize(), true, settings.dropLastBatch(),
                seed);
        Meter meter = new Meter(kind);
        TrainingRun run = TrainingRun.start(model, loss, settings, iterator.batchesPerEpoch(), training.data().size(),
                validation, settings.startEpoch());
        while (run.nextEpoch()) {
            int epoch = run.epoch();
            List<Batch> batches = iterator.nextEpoch(EpochSeeds.shuffle(seed, epoch));
            int[] classes = training.classesInOrder(iterator.order());
            meter.reset();
            int offset = 0;
            for (int b = 0; b < batches.size(); b++) {
                Batch batch = batches.get(b);
                LayerObserver observer = run.stepObserver(b);
                double batchLoss = step(batch, TrainingPass.of(b), observer, epoch, meter, classes, offset);
                run.batchDone(b, batches.size(), batchLoss, offset, batch.size());
                offset += batch.size();
            }
            double trainSeconds = run.secondsInEpoch();
            Map<String, Double> metrics = epochMetrics(meter, held);
            completedEpochs = epoch;
            run.endEpoch(metrics, offset, trainSeconds);
        }
        return run.finish();
    }

    /** One training step on {@code batch}; returns its loss, the mean cost plus the penalty. */
    private double step(Batch batch, TrainingPass pass, LayerObserver observer, int epoch, Meter meter, int[] classes,
                        int offset) {
        int rows = batch.size();
        double cost = trainingStep.computeGradients(batch.features(), batch.labels(), rows, pass, observer) / rows;
        double penalty = trainingStep.applyUpdate(epoch);
        meter.add(cost, penalty, trainingStep.output(), classes, offset);
        return cost + penalty;
    }

    /** The epoch's metrics: training loss and accuracy from {@code meter}, then validation and rate. */
    private Map<String, Double> epochMetrics(Meter meter, PreparedData held) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", meter.meanLoss());
        if (meter.hasAccuracy()) {
            metrics.put("accuracy", meter.accuracy());
        }
        if (held != null) {
            measure(held, meter);
            double penalty = settings.regularization() == null ? 0
                    : settings.regularization().penalty(model.parameterSet());
            metrics.put("val_loss", meter.meanLoss() + penalty);
            if (meter.hasAccuracy()) {
                metrics.put("val_accuracy", meter.accuracy());
            }
        }
        if (settings.schedule() != null) {
            metrics.put("lr", optimizer.learningRate());
        }
        return metrics;
    }

    /** Runs the model in inference mode over {@code data}, chunk by chunk, into a reset {@code meter}. */
    private void measure(PreparedData data, Meter meter) {
        meter.reset();
        ChunkedInference.forEachChunk(model, data.data(), Math.max(settings.batchSize(), 1024), (outputs, labels, start) ->
                meter.add(loss.sum(outputs, labels) / outputs.rows(), 0, outputs, data.classes(), start));
    }

    /**
     * Saves a checkpoint: the model, the optimizer with its state, and the progress (epochs
     * completed, seed, batch size, …), atomically, so {@link #resume(Path)} continues from here.
     * {@link TrainerBuilder#checkpoint(Path)} does this after every epoch.
     *
     * @param file the target, conventionally ending in {@code .nn4j}; an old file is replaced whole
     * @throws IOException                   when the file cannot be written; an old file is then unchanged
     * @throws UnsupportedOperationException when the optimizer cannot be saved (one written outside nn4j)
     */
    public void saveCheckpoint(Path file) throws IOException {
        checkpoint().write(file);
    }

    /** The model, optimizer and progress as they are now. */
    private Checkpoint checkpoint() {
        return new Checkpoint(model, optimizer, settings.progress(completedEpochs, loss));
    }

    /** Epochs completed: 0 before training, the checkpoint's epoch when resumed, then counting. */
    public int completedEpochs() {
        return completedEpochs;
    }

    /** The optimizer, whose state and step count advance as this trainer trains. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The model this trainer trains. */
    public Sequential model() {
        return model;
    }

    /** The listeners, default ones first, in call order. */
    public List<TrainingListener> listeners() {
        return settings.listeners();
    }
}
