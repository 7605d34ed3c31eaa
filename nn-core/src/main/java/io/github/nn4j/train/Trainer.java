package io.github.nn4j.train;

import io.github.nn4j.data.Batch;
import io.github.nn4j.data.BatchIterator;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.OneHot;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Mode;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.model.Shapes;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mini-batch training loop: for each epoch, shuffle, and for each batch run forward,
 * loss gradient, backward and one optimizer step; then measure the epoch on the validation
 * data and tell the listeners.
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
 * give bitwise the same weights and the same metrics. A trainer trains one model on one thread.
 */
public final class Trainer {

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final boolean dropLastBatch;
    private final List<TrainingListener> listeners;

    private Trainer(Builder builder) {
        this.model = builder.model;
        this.loss = builder.loss;
        this.optimizer = builder.optimizer;
        this.batchSize = builder.batchSize;
        this.epochs = builder.epochs;
        this.seed = builder.seed;
        this.dropLastBatch = builder.dropLastBatch;
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
     * Trains on {@code train} for the configured number of epochs (or until a listener stops it).
     *
     * @param train the training examples
     * @return every epoch's {@code loss} (and {@code accuracy} for classification)
     * @throws IllegalStateException naming the epoch and batch if the loss becomes NaN or infinite;
     *                               the model then holds its weights from the start of that epoch
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
     *         {@code val_accuracy} for classification)
     * @throws IllegalStateException naming the epoch and batch if the loss becomes NaN or infinite;
     *                               the model then holds its weights from the start of that epoch
     */
    public History fit(DataSet train, DataSet validation) {
        Meter.Task task = Meter.Task.of(loss, model.outputSize());
        Prepared training = prepare(train, task, "training");
        Prepared held = validation == null ? null : prepare(validation, task, "validation");
        BatchIterator iterator = new BatchIterator(training.data, batchSize, true, dropLastBatch, seed);
        model.reseed(seed);
        Meter trainMeter = new Meter(loss, task, training.oneHot);
        Meter validationMeter = held == null ? null : new Meter(loss, task, held.oneHot);
        int samples = iterator.batchesPerEpoch() == 0 ? 0
                : Math.min(training.data.size(), iterator.batchesPerEpoch() * batchSize);
        TrainingState state = new TrainingState(model, epochs, iterator.batchesPerEpoch(), samples);
        INDArray epochStartWeights = model.parameterSet().values().dup();
        History history = new History();
        listeners.forEach(listener -> listener.onTrainingStart(state));

        for (int epoch = 1; epoch <= epochs && !state.stopRequested(); epoch++) {
            state.startEpoch(epoch);
            // Learning-rate schedules will set optimizer.setLearningRate(...) here, once per epoch.
            listeners.forEach(listener -> listener.onEpochStart(state));
            long start = System.nanoTime();
            if (epoch > 1) {
                epochStartWeights.assign(model.parameterSet().values());
            }
            List<Batch> batches = iterator.nextEpoch();
            int[] classes = training.classes == null ? null : inOrder(training.classes, iterator.order());
            trainMeter.reset();
            int offset = 0;
            for (int b = 0; b < batches.size(); b++) {
                Batch batch = batches.get(b);
                INDArray output = model.forward(batch.features(), Mode.TRAIN);
                double batchLoss = trainMeter.add(output, batch.labels(), classes, offset);
                if (!Double.isFinite(batchLoss)) {
                    model.parameterSet().values().assign(epochStartWeights);
                    throw new IllegalStateException("loss became " + batchLoss + " in epoch " + epoch + ", batch "
                            + (b + 1) + " of " + batches.size() + " (examples " + offset + "–" + (offset + batch.size())
                            + " of the shuffled epoch): lower the learning rate or check the data; the model's "
                            + "weights are back at their values from the start of epoch " + epoch);
                }
                model.backward(loss.gradient(output, batch.labels()));
                // Gradient transforms (regularization penalties, clipping) will act here, between
                // backward and the step, on model.parameterSet().gradients().
                optimizer.step(model.parameterSet());
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
                metrics.put("val_loss", validationMeter.meanLoss());
                if (validationMeter.hasAccuracy()) {
                    metrics.put("val_accuracy", validationMeter.accuracy());
                }
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

    /** The model this trainer trains. */
    public Sequential model() {
        return model;
    }

    /** The listeners, default ones first, in call order. */
    public List<TrainingListener> listeners() {
        return listeners;
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
                double[] values = ready.labels().castTo(DataType.DOUBLE).data().asDouble();
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

    private static int[] inOrder(int[] classes, int[] order) {
        int[] ordered = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            ordered[i] = classes[order[i]];
        }
        return ordered;
    }

    /** Settings for a {@link Trainer}. */
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
        // Regularization, gradient clipping and learning-rate schedules join here as options.

        private Builder(Sequential model) {
            if (model == null) {
                throw new IllegalArgumentException("model is null");
            }
            this.model = model;
        }

        /**
         * The loss to minimize.
         *
         * @param loss the loss; one instance per trainer, as a loss keeps working buffers
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * The update rule.
         *
         * @param optimizer the optimizer
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Examples per mini-batch.
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
         * Passes over the training data.
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
         * The seed of shuffling and dropout; the same seed gives the same training run.
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

        /** Builds the trainer. */
        public Trainer build() {
            if (loss == null || optimizer == null) {
                throw new IllegalArgumentException("a trainer needs a loss and an optimizer");
            }
            return new Trainer(this);
        }
    }
}
