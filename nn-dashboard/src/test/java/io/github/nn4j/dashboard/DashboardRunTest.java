package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.Split;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a run records while {@code Trainer} trains, without a browser. */
class DashboardRunTest {

    private Dashboard dashboard;

    private Dashboard dashboard(DashboardOptions options) {
        dashboard = Dashboard.start(options.port(0).quiet());
        return dashboard;
    }

    @AfterEach
    void close() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static final class Losses implements TrainingListener {
        final List<Double> values = new ArrayList<>();

        @Override
        public void onBatchEnd(TrainingState state, int batch, double loss) {
            values.add(loss);
        }
    }

    @Test
    void recordsEveryStepsLossEachEpochsMetricsLayerStatisticsAndTheConfusionMatrix() {
        Split split = TrainingFixtures.blobs(300, 1).split(60, 2);
        Sequential model = TrainingFixtures.model();
        DashboardRun run = dashboard(DashboardOptions.defaults().sampleEvery(5)).run("blobs");
        Losses losses = new Losses();
        History history = TrainingFixtures.trainer(model, 4).listener(run).listener(losses).build()
                .fit(split.train(), split.validation());
        RunRecord record = dashboard.records().get(0);
        synchronized (record) {
            assertEquals(RunRecord.FINISHED, record.status());
            assertArrayEquals(losses.values.stream().mapToDouble(Double::doubleValue).toArray(),
                    record.series("step/loss").ys());
            assertArrayEquals(DoubleStream.iterate(1, x -> x + 1).limit(60).toArray(), record.series("step/loss").xs());
            assertArrayEquals(history.trainLoss().stream().mapToDouble(Double::doubleValue).toArray(),
                    record.series("epoch/loss").ys());
            assertArrayEquals(history.metric("val_accuracy").stream().mapToDouble(Double::doubleValue).toArray(),
                    record.series("epoch/val_accuracy").ys());
            // steps 1, 6, 11, …, 56: every fifth, from the first
            assertArrayEquals(new double[] {1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 51, 56},
                    record.series("layer/0/update_ratio").xs());
            for (String key : List.of("layer/0/weight_norm", "layer/2/gradient_norm", "layer/4/update_ratio",
                    "activation/1/mean", "activation/1/dead", "activation/3/std", "activation/3/saturated", "step/lr")) {
                Series series = record.series(key);
                assertEquals(12, series.size(), key);
                for (double value : series.ys()) {
                    assertTrue(Double.isFinite(value), key + " " + value);
                }
            }
            assertTrue(Double.isNaN(record.series("activation/1/saturated").y(0)), "relu has dead units, not saturation");
            assertTrue(Double.isNaN(record.series("activation/3/dead").y(0)), "tanh saturates, has no dead units");
            assertArrayEquals(Evaluation.classify(model, split.validation()).confusionMatrix(),
                    record.confusion().matrix());
            assertEquals(4, record.confusion().epoch());
            assertEquals(List.of("0", "1", "2"), record.info().classes());
            assertEquals("16", record.info().settings().get("batch size"));
            assertEquals(model.summary(), record.info().summary());
            Progress progress = record.progress();
            assertEquals(60, progress.step());
            assertEquals(0.0, progress.etaSeconds());
            assertTrue(progress.overhead() > 0 && progress.overhead() < 1, "overhead " + progress.overhead());
        }
    }

    @Test
    void aLongRunKeepsAtMostMaxPointsPerCurve() {
        Split split = TrainingFixtures.blobs(300, 1).split(60, 2);
        DashboardRun run = dashboard(DashboardOptions.defaults().maxPoints(32).sampleEvery(1)).run("long");
        TrainingFixtures.trainer(TrainingFixtures.model(), 40).batchSize(4).listener(run).build().fit(split.train());
        RunRecord record = dashboard.records().get(0);
        synchronized (record) {
            assertEquals(2_400.0, record.progress().step());
            for (var entry : record.series().entrySet()) {
                assertTrue(entry.getValue().size() <= 32, entry.getKey() + " " + entry.getValue().size());
            }
            Series loss = record.series("step/loss");
            assertEquals(1.0, loss.x(0));
            assertTrue(loss.x(loss.size() - 1) > 2_200, "the curve reaches the end of the run");
            assertEquals(20, record.series("epoch/loss").size());     // 40 epochs, thinned to every other
        }
    }

    @Test
    void trainingTheSameListenerAgainStartsANewRunAndOldFinishedRunsMakeRoom() {
        Split split = TrainingFixtures.blobs(90, 1).split(30, 2);
        dashboard(DashboardOptions.defaults().maxRuns(2));
        DashboardRun first = dashboard.run("again");
        TrainingFixtures.trainer(TrainingFixtures.model(), 1).listener(first).build().fit(split.train());
        TrainingFixtures.trainer(TrainingFixtures.model(), 1).listener(first).build().fit(split.train());
        assertEquals(List.of("again", "again #2"), dashboard.records().stream().map(RunRecord::name).toList());
        TrainingFixtures.trainer(TrainingFixtures.model(), 1).listener(dashboard.run(null)).build().fit(split.train());
        assertEquals(List.of("again #2", "run 3"), dashboard.records().stream().map(RunRecord::name).toList());
    }

    @Test
    void aTrainerWithoutSettingsObserversOrGradientsStillShowsLossesAndWeights() {
        // what nn-spark's driver gives in averaging mode: no observer calls, an untouched gradient buffer
        Sequential model = TrainingFixtures.model();
        model.parameterSet().gradients().assign(0);
        DashboardRun run = dashboard(DashboardOptions.defaults().sampleEvery(1)).run("driver");
        TrainingState state = new TrainingState(model, 1, 3, 30);
        run.onTrainingStart(state);
        state.startEpoch(1);
        run.onEpochStart(state);
        for (int batch = 1; batch <= 3; batch++) {
            model.parameterSet().values().addi(0.01);
            run.onBatchEnd(state, batch, 1.0 / batch);
        }
        RunRecord record = dashboard.records().get(0);
        synchronized (record) {
            assertArrayEquals(new double[] {1, 0.5, 1.0 / 3}, record.series("step/loss").ys());
            assertEquals(3, record.series("layer/0/weight_norm").size());
            assertTrue(Double.isNaN(record.series("layer/0/gradient_norm").last()));
            assertTrue(record.series("layer/0/update_ratio").last() > 0);
            assertFalse(record.series().keySet().stream().anyMatch(key -> key.startsWith("activation/")));
            assertEquals("none here", record.info().settings().get("validation examples"));
        }
    }
}
