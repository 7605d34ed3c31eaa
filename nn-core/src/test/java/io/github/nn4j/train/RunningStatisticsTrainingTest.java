package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.Split;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running statistics in training: exact resume, rollback of a diverged epoch, early stopping's best epoch. */
class RunningStatisticsTrainingTest {

    @TempDir
    Path dir;

    /** 240 training and 60 validation examples: batches of 16 never leave a last batch of one. */
    private static final Split DATA = TrainerTest.blobs(5).split(60, 2);

    private static Sequential model() {
        return new Sequential(new Dense(2, 16), new BatchNorm(16), new ReLU(), new Dense(16, 8), new LayerNorm(8),
                new ReLU(), new Dense(8, 3), new LogSoftmax()).init(Initializer.he(), 7);
    }

    private static TrainerBuilder quiet(TrainerBuilder builder) {
        return builder.loss(Loss.negativeLogLikelihood()).logEpochs(false).progressBar(false);
    }

    @Test
    void resumingFromACheckpointEqualsTheUninterruptedRunRunningStatisticsIncluded() throws IOException {
        Sequential whole = model();
        History all = quiet(Trainer.builder(whole)).optimizer(new Adam(1e-2)).batchSize(16).epochs(4).seed(3).build()
                .fit(DATA.train(), DATA.validation());

        Sequential half = model();
        Trainer first = quiet(Trainer.builder(half)).optimizer(new Adam(1e-2)).batchSize(16).epochs(2).seed(3).build();
        first.fit(DATA.train(), DATA.validation());
        Path checkpoint = dir.resolve("half.nn4j");
        first.saveCheckpoint(checkpoint);
        Trainer resumed = quiet(Trainer.resume(checkpoint)).epochs(4).build();
        History rest = resumed.fit(DATA.train(), DATA.validation());

        Sequential end = resumed.model();
        assertArrayEquals(whole.parameterSet().values().toFloatVector(), end.parameterSet().values().toFloatVector());
        assertArrayEquals(whole.parameterSet().states().toFloatVector(), end.parameterSet().states().toFloatVector());
        assertEquals(all.last("val_loss"), rest.last("val_loss"), 0);
    }

    @Test
    void aDivergedEpochPutsTheRunningStatisticsBackWithTheWeights() {
        Sequential model = model();
        float[] states = model.parameterSet().states().toFloatVector();
        DataSet huge = new DataSet(DATA.train().features().mul(1e30f), DATA.train().labels());
        Trainer diverging = quiet(Trainer.builder(model)).optimizer(new Sgd(1e30)).batchSize(16).epochs(1).seed(3)
                .build();
        assertThrows(IllegalStateException.class, () -> diverging.fit(huge));
        assertArrayEquals(states, model.parameterSet().states().toFloatVector());
    }

    @Test
    void earlyStoppingRestoresTheRunningStatisticsOfTheBestEpoch() {
        Sequential model = model();
        EarlyStopping stopping = EarlyStopping.monitor("val_loss").patience(50).restoreBestWeights(true);
        Sequential[] best = new Sequential[1];
        TrainingListener keepBest = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                if (result.epoch() == stopping.bestEpoch()) {
                    best[0] = state.model().snapshot();
                }
            }
        };
        quiet(Trainer.builder(model)).optimizer(new Sgd(0.5)).batchSize(16).epochs(6).seed(3).listener(stopping)
                .listener(keepBest).build().fit(DATA.train(), DATA.validation());
        assertTrue(stopping.bestEpoch() < 6, "the best epoch is an earlier one: " + stopping.bestEpoch());
        assertArrayEquals(best[0].parameterSet().values().toFloatVector(), model.parameterSet().values().toFloatVector());
        assertArrayEquals(best[0].parameterSet().states().toFloatVector(), model.parameterSet().states().toFloatVector());
    }
}
