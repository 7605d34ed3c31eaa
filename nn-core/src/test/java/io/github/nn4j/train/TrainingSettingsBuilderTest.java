package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.train.TrainingSettings;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one builder of the settings every trainer shares: defaults, setters, checks and their order. */
class TrainingSettingsBuilderTest {

    @TempDir
    Path dir;

    /** The smallest trainer builder: the shared settings and nothing else. */
    private static final class Probe extends TrainingSettingsBuilder<Probe> {
        Probe(Sequential model) {
            super(model);
        }

        Probe(Checkpoint checkpoint) {
            super(checkpoint);
        }

        TrainingSettings build(Loss loss) {
            return checkedSettings(loss);
        }
    }

    private static Sequential model() {
        return new Sequential(new Dense(3, 2));
    }

    @Test
    void theDefaultsAreSgdBatch32TenEpochsSeed0AndBothDefaultListeners() {
        TrainingSettings settings = new Probe(model()).build(Loss.mse());
        Sgd sgd = assertInstanceOf(Sgd.class, settings.optimizer());
        assertEquals(0.01, sgd.learningRate());
        assertEquals(32, settings.batchSize());
        assertEquals(10, settings.epochs());
        assertEquals(0, settings.seed());
        assertEquals(false, settings.dropLastBatch());
        assertEquals(2, settings.listeners().size());
        assertInstanceOf(ConsoleProgressBar.class, settings.listeners().get(0));
        assertInstanceOf(ProgressLogger.class, settings.listeners().get(1));
        assertNull(settings.schedule());
        assertNull(settings.regularization());
        assertNull(settings.clipping());
        assertNull(settings.checkpoint());
        assertEquals(0, settings.startEpoch());
    }

    @Test
    void everySetterReturnsTheBuilderAndLandsInTheSettings() {
        Adam adam = new Adam(1e-3);
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0, 3);
        Regularization l2 = Regularization.l2(1e-4);
        GradientClipping clipping = GradientClipping.byValue(1);
        ProgressLogger logger = new ProgressLogger();
        Path file = dir.resolve("run.nn4j");
        Probe probe = new Probe(model());
        Probe chained = probe.optimizer(adam).batchSize(7).epochs(3).seed(11).dropLastBatch(true).progressBar(false)
                .listener(logger).schedule(schedule).regularization(l2).gradientClipping(clipping).checkpoint(file);
        assertSame(probe, chained);
        TrainingSettings settings = chained.build(Loss.mse());
        assertSame(adam, settings.optimizer());
        assertEquals(7, settings.batchSize());
        assertEquals(3, settings.epochs());
        assertEquals(11, settings.seed());
        assertEquals(true, settings.dropLastBatch());
        assertEquals(List.of(logger), settings.listeners(), "an added ProgressLogger replaces the default one");
        assertSame(schedule, settings.schedule());
        assertSame(l2, settings.regularization());
        assertSame(clipping, settings.clipping());
        assertEquals(file, settings.checkpoint());
    }

    @Test
    void settersRefuseBadValuesAtOnce() {
        Probe probe = new Probe(model());
        assertEquals("batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> probe.batchSize(0)).getMessage());
        assertEquals("epochs must be at least 1, got -1",
                assertThrows(IllegalArgumentException.class, () -> probe.epochs(-1)).getMessage());
        assertEquals("listener is null",
                assertThrows(IllegalArgumentException.class, () -> probe.listener(null)).getMessage());
        assertEquals("model is null", assertThrows(IllegalArgumentException.class, () -> new Probe((Sequential) null)).getMessage());
    }

    @Test
    void aNewRunNeedsALossAndAnOptimizer() {
        assertEquals("a trainer needs a loss and an optimizer",
                assertThrows(IllegalArgumentException.class, () -> new Probe(model()).build(null)).getMessage());
        assertEquals("a trainer needs a loss and an optimizer", assertThrows(IllegalArgumentException.class,
                () -> new Probe(model()).optimizer(null).build(Loss.mse())).getMessage());
    }

    @Test
    void aResumedRunIsCheckedForItsLossFirstThenForEpochsLeft() throws IOException {
        Path file = dir.resolve("run.nn4j");
        Trainer.builder(model()).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.01)).batchSize(4).epochs(2)
                .seed(5).progressBar(false).logEpochs(false).build().saveCheckpoint(file);
        Checkpoint checkpoint = Checkpoint.read(file);
        Checkpoint done = new Checkpoint(checkpoint.model(), checkpoint.optimizer(),
                new TrainingProgress(2, 2, 5, 4, false, "SoftmaxCrossEntropy", null, null, null));

        assertEquals("a resumed trainer needs its loss again: call .loss(...) with the loss of the checkpoint's run "
                + "(SoftmaxCrossEntropy)", assertThrows(IllegalArgumentException.class,
                () -> new Probe(done).build(null)).getMessage());
        assertEquals("the checkpoint has already done 2 of 2 epochs; set epochs(n) above 2 to train further",
                assertThrows(IllegalArgumentException.class,
                        () -> new Probe(done).build(Loss.softmaxCrossEntropy())).getMessage());
        assertEquals(2, new Probe(done).epochs(3).build(Loss.softmaxCrossEntropy()).startEpoch());
    }

    @Test
    void aResumedBuilderHoldsTheCheckpointsRunSettings() throws IOException {
        Path file = dir.resolve("run.nn4j");
        Adam adam = new Adam(0.01);
        Trainer.builder(model()).loss(Loss.mse()).optimizer(adam).batchSize(4).epochs(6).seed(5).dropLastBatch(true)
                .progressBar(false).logEpochs(false).build().saveCheckpoint(file);
        Checkpoint checkpoint = Checkpoint.read(file);
        Checkpoint afterTwo = new Checkpoint(checkpoint.model(), checkpoint.optimizer(),
                new TrainingProgress(2, 6, 5, 4, true, "MeanSquaredError", null, null, null));
        TrainingSettings settings = new Probe(afterTwo).build(Loss.mse());
        assertSame(checkpoint.optimizer(), settings.optimizer());
        assertEquals(6, settings.epochs());
        assertEquals(5, settings.seed());
        assertEquals(4, settings.batchSize());
        assertEquals(true, settings.dropLastBatch());
        assertEquals(2, settings.startEpoch());
    }

    @Test
    void progressDescribesTheRunAndNamesWhatAResumedRunChanged() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0, 3);
        TrainingSettings settings = new Probe(model()).batchSize(4).epochs(3).seed(9).schedule(schedule)
                .build(Loss.softmaxCrossEntropy());
        TrainingProgress progress = settings.progress(1, Loss.softmaxCrossEntropy());
        assertEquals(new TrainingProgress(1, 3, 9, 4, false, "SoftmaxCrossEntropy", schedule.toString(), null, null),
                progress);

        TrainingProgress resumed = new Probe(model()).batchSize(4).epochs(3).seed(9)
                .regularization(Regularization.l2(0.5)).build(Loss.mse()).progress(1, Loss.mse());
        assertEquals(List.of(), progress.changesIn(progress));
        assertEquals(List.of(
                "resuming with loss MeanSquaredError where the checkpoint's run had SoftmaxCrossEntropy; the result will differ "
                        + "from an uninterrupted run",
                "resuming with learning-rate schedule none where the checkpoint's run had " + schedule
                        + "; the result will differ from an uninterrupted run",
                "resuming with regularization " + Regularization.l2(0.5) + " where the checkpoint's run had none; "
                        + "the result will differ from an uninterrupted run"), progress.changesIn(resumed));
    }
}
