package io.github.nn4j.train;

import io.github.nn4j.data.Batch;
import io.github.nn4j.data.BatchIterator;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Mode;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mini-batch training loop: for each epoch, shuffle, and for each batch run forward,
 * loss gradient, backward and one optimizer step.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model)
 *         .loss(Loss.softmaxCrossEntropy())
 *         .optimizer(new Sgd(0.1))
 *         .batchSize(32).epochs(10).seed(42)
 *         .build();
 * History history = trainer.fit(train);
 * }</pre>
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;

    private Trainer(Builder builder) {
        this.model = builder.model;
        this.loss = builder.loss;
        this.optimizer = builder.optimizer;
        this.batchSize = builder.batchSize;
        this.epochs = builder.epochs;
        this.seed = builder.seed;
    }

    /**
     * Starts configuring a trainer for {@code model}.
     *
     * @param model the model to train
     * @return a builder with defaults: MSE loss, SGD 0.01, batch 32, 10 epochs, seed 0
     */
    public static Builder builder(Sequential model) {
        return new Builder(model);
    }

    /**
     * Trains on {@code train} for the configured number of epochs.
     *
     * @param train the training examples
     * @return the mean training loss of every epoch
     * @throws IllegalStateException naming the epoch and batch if the loss becomes NaN or infinite
     */
    public History fit(DataSet train) {
        if (model.inputSize() != -1 && train.featureCount() != model.inputSize()) {
            throw new IllegalArgumentException("model " + model + " expects " + model.inputSize()
                    + " features, the data set has " + train.featureCount());
        }
        BatchIterator batches = new BatchIterator(train, batchSize, true, false, seed);
        model.reseed(seed);
        History history = new History();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double lossSum = 0;
            int batchIndex = 0;
            for (Batch batch : batches.nextEpoch()) {
                INDArray output = model.forward(batch.features(), Mode.TRAIN);
                double value = loss.value(output, batch.labels());
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("loss became " + value + " in epoch " + epoch + ", batch "
                            + batchIndex + ": lower the learning rate or check the data");
                }
                lossSum += value * batch.size();
                model.backward(loss.gradient(output, batch.labels()));
                optimizer.step(model.parameterSet());
                batchIndex++;
            }
            double meanLoss = lossSum / train.size();
            history.addEpoch(meanLoss);
            LOG.debug("epoch {}/{}: loss {}", epoch, epochs, meanLoss);
        }
        return history;
    }

    /** Settings for a {@link Trainer}. */
    public static final class Builder {

        private final Sequential model;
        private Loss loss = Loss.mse();
        private Optimizer optimizer = new Sgd(0.01);
        private int batchSize = 32;
        private int epochs = 10;
        private long seed;

        private Builder(Sequential model) {
            if (model == null) {
                throw new IllegalArgumentException("model is null");
            }
            this.model = model;
        }

        /**
         * The loss to minimize.
         *
         * @param loss the loss
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

        /** Builds the trainer. */
        public Trainer build() {
            if (loss == null || optimizer == null) {
                throw new IllegalArgumentException("a trainer needs a loss and an optimizer");
            }
            return new Trainer(this);
        }
    }
}
