package io.github.nn4j.train;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.data.Batch;
import io.github.nn4j.data.BatchIterator;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.OneHot;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.platform.Nn4jPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mini-batch training loop: for each epoch, shuffle, and for each batch run forward,
 * loss gradient, backward and one optimizer step; then measure the epoch on the validation
 * data, write the checkpoint if one is configured, and tell the listeners.
 *
 * <p>One training step, for each mini-batch, in this order (optional parts only when configured;
 * a feature that is off costs nothing):
 * <ol>
 * <li>learning rate: {@code optimizer.setLearningRate(schedule.learningRate(epoch − 1, optimizer.steps()))}
 *     (the schedule's epoch clock starts at 0);</li>
 * <li>{@code model.forward(x, TRAIN)}, the batch's loss, plus {@code regularization.penalty} on the
 *     weights of this step;</li>
 * <li>{@code model.backward(loss.gradient(output, y))};</li>
 * <li>{@code regularization.addGradient}, then {@code clipping.clip} on the full gradient;</li>
 * <li>{@code optimizer.step} (which applies any decoupled weight decay).</li>
 * </ol>
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
 * <p>With a cross-entropy loss the labels may be class indices; they are turned into one-hot
 * rows once, when {@code fit} starts, and the epoch reports {@code accuracy} besides
 * {@code loss}. By default every epoch is logged through SLF4J ({@link ProgressLogger}) and a
 * {@link ConsoleProgressBar} shows progress through long epochs on an interactive console.
 *
 * <p>Training is deterministic: the same model initialization, data, configuration and seed
 * give bitwise the same weights and the same metrics. Each epoch's shuffle and dropout masks
 * come from seeds derived from {@code (seed, epoch)} alone, so epoch k is the same whether the
 * run started at epoch 1 or was resumed from a checkpoint of epoch k − 1. A trainer trains one
 * model on one thread.
 *
 * <p>Checkpoints and resuming, as with Keras's {@code ModelCheckpoint} and {@code initial_epoch}
 * or a PyTorch checkpoint dictionary:
 * <pre>{@code
 * Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
 *         .epochs(10).seed(42).checkpoint(Path.of("run.nn4j"))      // written after every epoch
 *         .build().fit(train, validation);
 * // later, or after a crash during epoch 7: continue with epoch 7 of 10
 * Trainer resumed = Trainer.resume(Path.of("run.nn4j")).loss(Loss.softmaxCrossEntropy()).build();
 * History rest = resumed.fit(train, validation);                     // epochs 7 to 10
 * }</pre>
 * A checkpoint is a model file ({@link ModelFile}) with the weights, the optimizer with its state
 * ({@link ModelFile#OPTIMIZER}) and the progress ({@link ModelFile#TRAINING}: epochs done, seed,
 * batch size, …). Resuming with the same data and settings gives bitwise the weights and metrics
 * of the uninterrupted run. Not in the checkpoint: the loss, schedule, regularization, clipping
 * and listeners (give them again; the first is required, the others are compared with the
 * checkpoint's and a difference is logged as a warning), the epochs' History, and the state of
 * listeners such as {@link EarlyStopping}, which starts afresh.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Seed streams derived per epoch: one for the shuffle, one for dropout. */
    private static final int SHUFFLE = 0;
    private static final int DROPOUT = 1;

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final boolean dropLastBatch;
    private final LearningRateSchedule schedule;
    private final Regularization regularization;
    private final GradientClipping clipping;
    private final Path checkpoint;
    private final int startEpoch;
    private final List<TrainingListener> listeners;
    private int completedEpochs;

    private Trainer(Builder builder) {
        this.model = builder.model;
        this.loss = builder.loss;
        this.optimizer = builder.optimizer;
        this.batchSize = builder.batchSize;
        this.epochs = builder.epochs;
        this.seed = builder.seed;
        this.dropLastBatch = builder.dropLastBatch;
        this.schedule = builder.schedule;
        this.regularization = builder.regularization;
        this.clipping = builder.clipping;
        this.checkpoint = builder.checkpoint;
        this.startEpoch = builder.startEpoch;
        this.completedEpochs = builder.startEpoch;
        List<TrainingListener> all = new ArrayList<>();
        if (builder.progressBar) {
            all.add(new ConsoleProgressBar());
        }
        if (builder.logEpochs && builder.listeners.stream().noneMatch(l -> l instanceof ProgressLogger)) {
            all.add(new ProgressLogger());
        }
        all.addAll(builder.listeners);
        this.listeners = List.copyOf(all);
    }

    /**
     * Starts configuring a trainer for {@code model}.
     *
     * @param model the model to train
     * @return a builder with defaults: MSE loss, SGD 0.01, batch 32, 10 epochs, seed 0, epoch log
     *         and progress bar on
     */
    public static Builder builder(Sequential model) {
        return new Builder(model);
    }

    /**
     * Starts configuring a trainer that continues the run saved in a checkpoint, with the
     * checkpoint's model, optimizer (settings and state), seed, batch size, epoch count and
     * last-batch rule; the next {@code fit} runs the epochs after the saved one up to
     * {@link Builder#epochs(int)}. The loss must be given again with {@link Builder#loss}; give
     * the schedule, regularization, clipping and listeners again too if the run had them.
     *
     * @param checkpoint a file written by {@link Builder#checkpoint(Path)} or {@link #saveCheckpoint(Path)}
     * @return a builder holding the checkpoint's settings, each of which may be changed
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when the file is a model file but not a checkpoint
     */
    public static Builder resume(Path checkpoint) throws IOException {
        return resume(ModelFile.readAll(checkpoint));
    }

    /**
     * Like {@link #resume(Path)}, from a model file already read.
     *
     * @param checkpoint what {@link ModelFile#readAll(Path)} read from a checkpoint
     * @return a builder holding the checkpoint's settings
     * @throws IllegalArgumentException naming what is missing when it is not a checkpoint
     */
    public static Builder resume(SavedModel checkpoint) {
        Section section = checkpoint.section(ModelFile.TRAINING).orElseThrow(() -> new IllegalArgumentException(
                "not a training checkpoint: the model file has no '" + ModelFile.TRAINING + "' section (it has "
                        + checkpoint.sections().keySet() + "); write one with Trainer.Builder.checkpoint(path)"));
        Optimizer optimizer = checkpoint.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "not a training checkpoint: the model file has no '" + ModelFile.OPTIMIZER + "' section"));
        TrainingProgress progress = TrainingProgress.fromSection(section);
        Builder builder = new Builder(checkpoint.model());
        builder.optimizer = optimizer;
        builder.loss = null;
        builder.resumed = progress;
        builder.startEpoch = progress.epoch();
        builder.epochs = progress.epochs();
        builder.seed = progress.seed();
        builder.batchSize = progress.batchSize();
        builder.dropLastBatch = progress.dropLastBatch();
        return builder;
    }

    /**
     * Trains on {@code train} for the configured number of epochs (or until a listener stops it);
     * a resumed trainer runs the epochs after its checkpoint's.
     *
     * @param train the training examples
     * @return every epoch's {@code loss} (and {@code accuracy} for classification)
     * @throws IllegalStateException naming the epoch and batch if the loss becomes NaN or infinite;
     *                               the model's weights and the optimizer's state and step count
     *                               are then back at their values from the start of that epoch
     */
    public History fit(DataSet train) {
        return fit(train, null);
    }

    /**
     * Trains on {@code train} and measures the model on {@code validation} after every epoch.
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
        Meter.Task task = Meter.Task.of(loss, model.outputSize());
        Prepared training = prepare(train, task, "training");
        Prepared held = validation == null ? null : prepare(validation, task, "validation");
        BatchIterator iterator = new BatchIterator(training.data, batchSize, true, dropLastBatch, seed);
        ParameterSet parameters = model.parameterSet();
        Meter trainMeter = new Meter(loss, task, training.oneHot);
        Meter validationMeter = held == null ? null : new Meter(loss, task, held.oneHot);
        int samples = iterator.batchesPerEpoch() == 0 ? 0
                : Math.min(training.data.size(), iterator.batchesPerEpoch() * batchSize);
        TrainingState state = new TrainingState(model, epochs, iterator.batchesPerEpoch(), samples);
        INDArray epochStartWeights = parameters.values().dup();
        Map<String, INDArray> epochStartState = new LinkedHashMap<>();
        History history = new History();
        listeners.forEach(listener -> listener.onTrainingStart(state));

        for (int epoch = startEpoch + 1; epoch <= epochs && !state.stopRequested(); epoch++) {
            state.startEpoch(epoch);
            listeners.forEach(listener -> listener.onEpochStart(state));
            long start = System.nanoTime();
            if (epoch > startEpoch + 1) {
                epochStartWeights.assign(parameters.values());
            }
            copyState(optimizer.state(), epochStartState);
            long epochStartSteps = optimizer.steps();
            model.reseed(epochSeed(seed, epoch, DROPOUT));
            List<Batch> batches = iterator.nextEpoch(epochSeed(seed, epoch, SHUFFLE));
            int[] classes = training.classes == null ? null : inOrder(training.classes, iterator.order());
            trainMeter.reset();
            int offset = 0;
            for (int b = 0; b < batches.size(); b++) {
                Batch batch = batches.get(b);
                if (schedule != null) {
                    optimizer.setLearningRate(schedule.learningRate(epoch - 1, optimizer.steps()));
                }
                INDArray output = model.forward(batch.features(), Mode.TRAIN);
                double batchLoss = trainMeter.add(output, batch.labels(), classes, offset);
                if (regularization != null) {
                    double penalty = regularization.penalty(parameters);
                    trainMeter.addToLoss(penalty, batch.size());
                    batchLoss += penalty;
                }
                if (!Double.isFinite(batchLoss)) {
                    parameters.values().assign(epochStartWeights);
                    optimizer.loadState(epochStartState, epochStartSteps);
                    throw new IllegalStateException("loss became " + batchLoss + " in epoch " + epoch + ", batch "
                            + (b + 1) + " of " + batches.size() + " (examples " + offset + "–" + (offset + batch.size())
                            + " of the shuffled epoch): lower the learning rate or check the data; the model's "
                            + "weights and optimizer state are back at their values from the start of epoch " + epoch);
                }
                model.backward(loss.gradient(output, batch.labels()));
                if (regularization != null) {
                    regularization.addGradient(parameters);
                }
                if (clipping != null) {
                    clipping.clip(parameters);
                }
                optimizer.step(parameters);
                offset += batch.size();
                for (TrainingListener listener : listeners) {
                    listener.onBatchEnd(state, b + 1, batchLoss);
                }
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;

            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", trainMeter.meanLoss());
            if (trainMeter.hasAccuracy()) {
                metrics.put("accuracy", trainMeter.accuracy());
            }
            if (held != null) {
                measure(held, validationMeter);
                double penalty = regularization == null ? 0 : regularization.penalty(parameters);
                metrics.put("val_loss", validationMeter.meanLoss() + penalty);
                if (validationMeter.hasAccuracy()) {
                    metrics.put("val_accuracy", validationMeter.accuracy());
                }
            }
            if (schedule != null) {
                metrics.put("lr", optimizer.learningRate());
            }
            completedEpochs = epoch;
            if (checkpoint != null) {
                writeCheckpoint(checkpoint);
            }
            EpochResult result = new EpochResult(epoch, metrics, offset, trainSeconds,
                    (System.nanoTime() - start) / 1e9);
            history.add(result);
            listeners.forEach(listener -> listener.onEpochEnd(state, result));
        }
        if (state.stopRequested()) {
            history.stopped(state.stopReason());
        }
        listeners.forEach(listener -> listener.onTrainingEnd(state, history));
        return history;
    }

    /**
     * Saves a checkpoint: the model, the optimizer with its state, and the progress (epochs
     * completed, seed, batch size, …), atomically, so {@link #resume(Path)} continues from here.
     * {@link Builder#checkpoint(Path)} does this after every epoch.
     *
     * @param file the target, conventionally ending in {@code .nn4j}; an old file is replaced whole
     * @throws IOException                   when the file cannot be written; an old file is then unchanged
     * @throws UnsupportedOperationException when the optimizer cannot be saved (one written outside nn4j)
     */
    public void saveCheckpoint(Path file) throws IOException {
        Map<String, Section> sections = new LinkedHashMap<>();
        sections.put(ModelFile.OPTIMIZER, optimizer.toSection());
        sections.put(ModelFile.TRAINING, progress().toSection());
        ModelFile.write(file, model, sections);
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
        return listeners;
    }

    private TrainingProgress progress() {
        return new TrainingProgress(completedEpochs, epochs, seed, batchSize, dropLastBatch,
                loss.getClass().getSimpleName(), describe(schedule), describe(regularization), describe(clipping));
    }

    private static String describe(Object setting) {
        return setting == null ? null : setting.toString();
    }

    private void writeCheckpoint(Path file) {
        try {
            saveCheckpoint(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + completedEpochs + " to " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The seed of one epoch's shuffle or dropout masks: {@code (seed, epoch, stream)} mixed by
     * SplitMix64's finalizer, so neighbouring epochs and seeds get unrelated generators and an
     * epoch's randomness does not depend on the epochs before it.
     */
    static long epochSeed(long seed, int epoch, int stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (2L * epoch + stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void measure(Prepared data, Meter meter) {
        meter.reset();
        INDArray features = data.data.features();
        INDArray labels = data.data.labels();
        int n = data.data.size();
        int chunk = Math.max(batchSize, 1024);
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(start + chunk, n);
            boolean whole = start == 0 && end == n;
            INDArray x = whole ? features : features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray y = whole ? labels : labels.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            meter.add(model.forward(x, Mode.EVAL), y, data.classes, start);
        }
    }

    /** A data set made ready for the loss once: labels in the loss's form, classes for accuracy. */
    private record Prepared(DataSet data, int[] classes, boolean oneHot) {
    }

    private Prepared prepare(DataSet data, Meter.Task task, String role) {
        if (data == null) {
            throw new IllegalArgumentException(role + " data set is null");
        }
        int inputs = model.inputSize();
        if (inputs != Layer.ANY_SIZE && data.featureCount() != inputs) {
            throw new IllegalArgumentException("model " + model + " expects " + inputs + " features, the " + role
                    + " data set has " + data.featureCount() + " (" + data + ")");
        }
        DataSet ready = data;
        INDArray features = data.features();
        INDArray labels = data.labels();
        if (features.dataType() != model.dataType() || labels.dataType() != model.dataType()) {
            ready = new DataSet(features.dataType() == model.dataType() ? features : features.castTo(model.dataType()),
                    labels.dataType() == model.dataType() ? labels : labels.castTo(model.dataType()));
        }
        switch (task) {
            case MULTICLASS -> {
                int classes = model.outputSize();
                if (ready.hasClassIndices()) {
                    int[] indices = OneHot.classIndices(ready.labels(), classes);
                    INDArray oneHot = OneHot.encode(indices, classes).castTo(model.dataType());
                    return new Prepared(new DataSet(ready.features(), oneHot), indices, true);
                }
                if (ready.labels().columns() != classes) {
                    throw new IllegalArgumentException("the " + role + " labels " + Shapes.of(ready.labels())
                            + " do not fit the model's " + classes + " outputs; give class indices [n] or one-hot rows [n, "
                            + classes + "]");
                }
                return new Prepared(ready, OneHot.classIndices(ready.labels()), OneHot.isOneHot(ready.labels()));
            }
            case BINARY_LOGIT, BINARY_PROBABILITY -> {
                double[] values = JavaArrays.toDoubles(ready.labels());
                int[] classes = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    classes[i] = values[i] >= 0.5 ? 1 : 0;
                }
                return new Prepared(ready, classes, false);
            }
            default -> {
                return new Prepared(ready, null, false);
            }
        }
    }

    /**
     * Copies the optimizer's live state into {@code snapshot}: one assign per buffer, allocating
     * only when the buffers first appear or change shape.
     */
    private static void copyState(Map<String, INDArray> live, Map<String, INDArray> snapshot) {
        if (!snapshot.keySet().equals(live.keySet())) {
            snapshot.clear();
        }
        for (Map.Entry<String, INDArray> entry : live.entrySet()) {
            INDArray copy = snapshot.get(entry.getKey());
            INDArray buffer = entry.getValue();
            if (copy == null || !copy.equalShapes(buffer) || copy.dataType() != buffer.dataType()) {
                snapshot.put(entry.getKey(), buffer.dup());
            } else {
                copy.assign(buffer);
            }
        }
    }

    private static int[] inOrder(int[] classes, int[] order) {
        int[] ordered = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            ordered[i] = classes[order[i]];
        }
        return ordered;
    }

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
    public static final class Builder {

        private final Sequential model;
        private Loss loss = Loss.mse();
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

        private Builder(Sequential model) {
            if (model == null) {
                throw new IllegalArgumentException("model is null");
            }
            this.model = model;
        }

        /**
         * The loss to minimize (default: mean squared error; a resumed trainer has none until
         * given one). Use the fused {@code Loss.softmaxCrossEntropy()} on logits for classes.
         *
         * @param loss the loss; one instance per trainer, as a loss keeps working buffers
         * @return this builder
         */
        public Builder loss(Loss loss) {
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
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Examples per mini-batch (default 32).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
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
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
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
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Whether to skip the last batch of an epoch when it is smaller than the batch size
         * (default {@code false}: every example is used every epoch).
         *
         * @param drop {@code true} to drop it
         * @return this builder
         */
        public Builder dropLastBatch(boolean drop) {
            this.dropLastBatch = drop;
            return this;
        }

        /**
         * Whether to log one line per epoch through SLF4J with a {@link ProgressLogger}
         * (default {@code true}).
         *
         * @param log {@code false} for silence
         * @return this builder
         */
        public Builder logEpochs(boolean log) {
            this.logEpochs = log;
            return this;
        }

        /**
         * Whether to show a {@link ConsoleProgressBar} during long epochs on an interactive
         * console (default {@code true}).
         *
         * @param show {@code false} to never draw one
         * @return this builder
         */
        public Builder progressBar(boolean show) {
            this.progressBar = show;
            return this;
        }

        /**
         * Adds a listener, called after the default ones in the order added.
         *
         * @param listener e.g. an {@link EarlyStopping}
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            if (listener == null) {
                throw new IllegalArgumentException("listener is null");
            }
            listeners.add(listener);
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
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
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
        public Builder regularization(Regularization regularization) {
            this.regularization = regularization;
            return this;
        }

        /**
         * Gradient clipping (default none), applied to the full gradient (penalty included)
         * right before every optimizer step.
         *
         * @param clipping e.g. {@code GradientClipping.byGlobalNorm(1.0)}, or {@code null} for none
         * @return this builder
         */
        public Builder gradientClipping(GradientClipping clipping) {
            this.clipping = clipping;
            return this;
        }

        /**
         * Writes a checkpoint to {@code file} after every epoch (default none): the model, the
         * optimizer with its state and the progress, replacing the file atomically, so a crash
         * leaves the last complete epoch's checkpoint. {@link Trainer#resume(Path)} continues
         * from it. The optimizer must be one of nn4j's (or implement {@code toSection}).
         *
         * @param file the checkpoint file, or {@code null} for none
         * @return this builder
         */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
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
            if (resumed != null) {
                checkResumed();
            }
            if (loss == null || optimizer == null) {
                throw new IllegalArgumentException("a trainer needs a loss and an optimizer");
            }
            if (checkpoint != null) {
                optimizer.toSection();   // fails now, not after the first epoch, if it cannot be saved
            }
            return new Trainer(this);
        }

        private void checkResumed() {
            if (loss == null) {
                throw new IllegalArgumentException("a resumed trainer needs its loss again: call .loss(...) with the "
                        + "loss of the checkpoint's run (" + resumed.loss() + ")");
            }
            if (epochs <= startEpoch) {
                throw new IllegalArgumentException("the checkpoint has already done " + startEpoch + " of " + epochs
                        + " epochs; set epochs(n) above " + startEpoch + " to train further");
            }
            warnIfChanged("loss", resumed.loss(), loss.getClass().getSimpleName());
            warnIfChanged("learning-rate schedule", resumed.schedule(), describe(schedule));
            warnIfChanged("regularization", resumed.regularization(), describe(regularization));
            warnIfChanged("gradient clipping", resumed.clipping(), describe(clipping));
        }

        private static void warnIfChanged(String what, String saved, String now) {
            if (!Objects.equals(saved, now)) {
                LOG.warn("resuming with {} {} where the checkpoint's run had {}; the result will differ from an "
                        + "uninterrupted run", what, now == null ? "none" : now, saved == null ? "none" : saved);
            }
        }
    }
}
