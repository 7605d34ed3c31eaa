package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.Split;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and resuming: 2 epochs, a checkpoint, 2 more epochs from it give bitwise the
 * weights and metrics of 4 uninterrupted epochs with the same seed.
 */
class TrainerResumeTest {

    @TempDir
    Path dir;

    private static final Split DATA = TrainerTest.blobs(1).split(60, 2);

    /** A classifier with dropout, so the masks must continue exactly too. */
    private static Sequential model() {
        return new Sequential(new Dense(2, 16), new ReLU(), new Dropout(0.3), new Dense(16, 3)).init(Initializer.he(), 7);
    }

    private static TrainerBuilder quiet(TrainerBuilder builder) {
        return builder.loss(Loss.softmaxCrossEntropy()).logEpochs(false).progressBar(false);
    }

    /** Keeps a copy of the checkpoint as it was after one epoch, like a crash after that epoch would. */
    private static TrainingListener copyCheckpointAfter(int epoch, Path checkpoint, Path copy) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                if (result.epoch() == epoch) {
                    try {
                        Files.copy(checkpoint, copy, StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }

    private void assertResumingMatchesTheUninterruptedRun(Optimizer first, Optimizer second,
                                                          UnaryOperator<TrainerBuilder> options) throws IOException {
        Sequential uninterrupted = model();
        Path last = dir.resolve("last.nn4j");
        Path afterTwo = dir.resolve("after-2.nn4j");
        History whole = options.apply(quiet(Trainer.builder(uninterrupted))).optimizer(first).batchSize(16).epochs(4)
                .seed(3).checkpoint(last).listener(copyCheckpointAfter(2, last, afterTwo)).build()
                .fit(DATA.train(), DATA.validation());

        // Two epochs, stop, save (as a separate run of 2 epochs would).
        Sequential interrupted = model();
        Path saved = dir.resolve("saved.nn4j");
        Trainer firstHalf = options.apply(quiet(Trainer.builder(interrupted))).optimizer(second).batchSize(16)
                .epochs(2).seed(3).build();
        History begin = firstHalf.fit(DATA.train(), DATA.validation());
        firstHalf.saveCheckpoint(saved);
        assertEquals(2, firstHalf.completedEpochs());

        for (Path checkpoint : List.of(saved, afterTwo)) {
            Trainer resumed = options.apply(quiet(Trainer.resume(checkpoint))).epochs(4).build();
            assertEquals(2, resumed.completedEpochs());
            History end = resumed.fit(DATA.train(), DATA.validation());
            assertArrayEquals(uninterrupted.parameterSet().values().data().asFloat(),
                    resumed.model().parameterSet().values().data().asFloat(), "weights after epoch 4 from " + checkpoint);
            assertEquals(List.of(3, 4), end.epochResults().stream().map(EpochResult::epoch).toList());
            for (int i = 0; i < 2; i++) {
                assertEquals(whole.epochResults().get(i + 2).metrics(), end.epochResults().get(i).metrics(),
                        "metrics of epoch " + (i + 3) + " from " + checkpoint);
                assertEquals(whole.epochResults().get(i).metrics(), begin.epochResults().get(i).metrics());
            }
            assertEquals(first.steps(), resumed.optimizer().steps());
        }
        SavedModel final4 = ModelFile.readAll(last);
        assertArrayEquals(uninterrupted.parameterSet().values().data().asFloat(),
                final4.model().parameterSet().values().data().asFloat(), "the last checkpoint holds the final weights");
    }

    @Test
    void adamWithDropoutResumesBitwise() throws IOException {
        assertResumingMatchesTheUninterruptedRun(new Adam(0.01), new Adam(0.01), builder -> builder);
    }

    @Test
    void sgdWithStepScheduleRegularizationAndClippingResumesBitwise() throws IOException {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.2, 0.01, 4).withWarmup(10);
        assertResumingMatchesTheUninterruptedRun(new Sgd(1).momentum(0.9).nesterov(true).weightDecay(1e-3),
                new Sgd(1).momentum(0.9).nesterov(true).weightDecay(1e-3),
                builder -> builder.schedule(schedule).regularization(Regularization.l2(1e-3))
                        .gradientClipping(GradientClipping.byGlobalNorm(2.0)));
    }

    @Test
    void theCheckpointHoldsModelOptimizerAndProgress() throws IOException {
        Path file = dir.resolve("run.nn4j");
        quiet(Trainer.builder(model())).optimizer(new Adam(0.01)).batchSize(32).epochs(2).seed(9).dropLastBatch(true)
                .checkpoint(file).build().fit(DATA.train());
        SavedModel checkpoint = ModelFile.readAll(file);
        assertEquals(List.of(ModelFile.OPTIMIZER, ModelFile.TRAINING), List.copyOf(checkpoint.sections().keySet()));
        Section progress = checkpoint.section(ModelFile.TRAINING).orElseThrow();
        assertEquals("progress", progress.type());
        assertEquals(2, progress.integer("epoch"));
        assertEquals(2, progress.integer("epochs"));
        assertEquals(9, progress.integer("seed"));
        assertEquals(32, progress.integer("batchSize"));
        assertTrue(progress.flag("dropLastBatch"));
        assertEquals("SoftmaxCrossEntropy", progress.text("loss"));
        assertEquals(2 * (240 / 32), checkpoint.optimizer().orElseThrow().steps());
    }

    @Test
    void resumingNeedsACheckpointTheLossAndEpochsLeft() throws IOException {
        Path plain = dir.resolve("plain.nn4j");
        ModelFile.write(plain, model());
        IllegalArgumentException notACheckpoint = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(plain));
        assertTrue(notACheckpoint.getMessage().contains("not a training checkpoint"), notACheckpoint.getMessage());

        Path file = dir.resolve("run.nn4j");
        quiet(Trainer.builder(model())).optimizer(new Adam(0.01)).epochs(2).checkpoint(file).build().fit(DATA.train());
        IllegalArgumentException noLoss = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(file).epochs(3).build());
        assertTrue(noLoss.getMessage().contains("needs its loss again") && noLoss.getMessage().contains("SoftmaxCrossEntropy"),
                noLoss.getMessage());
        IllegalArgumentException done = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(file).loss(Loss.softmaxCrossEntropy()).build());
        assertTrue(done.getMessage().contains("already done 2 of 2 epochs"), done.getMessage());
    }

    @Test
    void aCheckpointNeedsASaveableOptimizer() {
        Optimizer custom = new Optimizer() {
            public void step(io.github.nn4j.base.ParameterSet parameters) {
            }

            public double learningRate() {
                return 0.1;
            }

            public void setLearningRate(double learningRate) {
            }

            public java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> state() {
                return java.util.Map.of();
            }

            public long steps() {
                return 0;
            }

            public void loadState(java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> state, long steps) {
            }
        };
        assertThrows(UnsupportedOperationException.class,
                () -> quiet(Trainer.builder(model())).optimizer(custom).checkpoint(dir.resolve("x.nn4j")).build());
    }
}
