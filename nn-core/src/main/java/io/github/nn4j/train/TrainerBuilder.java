package io.github.nn4j.train;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import java.nio.file.Path;

/**
 * Settings for a {@link Trainer}: the loss, and the settings every trainer shares
 * ({@link TrainingSettingsBuilder}, where each is described with its default). From
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
public final class TrainerBuilder extends TrainingSettingsBuilder<TrainerBuilder> {

    private Loss loss;

    TrainerBuilder(Sequential model) {
        super(model);
        this.loss = Loss.mse();
    }

    /** A builder continuing {@code checkpoint}'s run, with no loss until one is given. */
    TrainerBuilder(Checkpoint checkpoint) {
        super(checkpoint);
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
     * Builds the trainer, after the checks of {@link TrainingSettingsBuilder#checkedSettings}.
     *
     * @return the trainer
     * @throws IllegalArgumentException      when the loss or optimizer is missing, a resumed run
     *                                       has no loss or has already done all its epochs
     * @throws UnsupportedOperationException when a checkpoint is asked for but the optimizer
     *                                       cannot be saved
     */
    public Trainer build() {
        return new Trainer(model(), loss, checkedSettings(loss));
    }
}
