package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.OneHot;
import io.github.nn4j.data.Split;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.JsonReader;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Sgd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    @TempDir
    Path dir;

    /** 300 points in three Gaussian blobs around (0, 3), (3, −2), (−3, −2), σ = 0.8, with class-index labels. */
    static DataSet blobs(long seed) {
        Random random = new Random(seed);
        double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
        float[][] features = new float[300][2];
        float[] labels = new float[300];
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            features[i][0] = (float) (centres[c][0] + 0.8 * random.nextGaussian());
            features[i][1] = (float) (centres[c][1] + 0.8 * random.nextGaussian());
            labels[i] = c;
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(labels));
    }

    static Sequential mlp() {
        return new Sequential(new Dense(2, 16), new ReLU(), new Dense(16, 3)).init(Initializer.he(), 7);
    }

    static TrainerBuilder quiet(Sequential model) {
        return Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Sgd(0.1))
                .batchSize(16).epochs(8).seed(3).logEpochs(false).progressBar(false);
    }

    @Test
    void learnsBlobsAndReportsTrainingAndValidationMetrics() {
        Split split = blobs(1).split(60, 2);
        History history = quiet(mlp()).build().fit(split.train(), split.validation());
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.metricNames());
        assertEquals(8, history.epochs());
        assertTrue(history.last("val_accuracy") > 0.95, history.toString());
        assertTrue(history.finalLoss() < history.trainLoss().get(0), history.toString());
        EpochResult first = history.epochResults().get(0);
        assertEquals(240, first.samples());
        assertTrue(first.samplesPerSecond() > 0);
    }

    @Test
    void sameSeedDataAndConfigurationGiveBitwiseTheSameWeightsAndHistory() {
        Split split = blobs(1).split(60, 2);
        Sequential a = mlp();
        Sequential b = mlp();
        History first = quiet(a).build().fit(split.train(), split.validation());
        History second = quiet(b).build().fit(split.train(), split.validation());
        assertArrayEquals(a.parameterSet().values().data().asFloat(), b.parameterSet().values().data().asFloat());
        for (String metric : first.metricNames()) {
            assertEquals(first.metric(metric), second.metric(metric), metric);
        }
        Sequential c = mlp();
        quiet(c).seed(4).build().fit(split.train(), split.validation());
        assertFalse(java.util.Arrays.equals(a.parameterSet().values().data().asFloat(),
                c.parameterSet().values().data().asFloat()), "another seed shuffles differently");
    }

    @Test
    void classIndicesAndOneHotLabelsTrainIdentically() {
        DataSet indices = blobs(5);
        DataSet oneHot = new DataSet(indices.features(), OneHot.encode(indices.labels(), 3));
        Sequential a = mlp();
        Sequential b = mlp();
        History first = quiet(a).epochs(2).build().fit(indices);
        History second = quiet(b).epochs(2).build().fit(oneHot);
        assertArrayEquals(a.parameterSet().values().data().asFloat(), b.parameterSet().values().data().asFloat());
        assertEquals(first.metric("accuracy"), second.metric("accuracy"));
    }

    @Test
    void divergingLossStopsWithEpochAndBatchAndKeepsFiniteWeights() {
        DataSet data = blobs(1);
        Sequential model = mlp();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> quiet(model).optimizer(new Sgd(1e30)).build().fit(data));
        assertTrue(error.getMessage().matches("loss became (NaN|-?Infinity) in epoch \\d+, batch \\d+ of 19 .*"),
                error.getMessage());
        float[] weights = model.parameterSet().values().data().asFloat();
        for (float weight : weights) {
            assertTrue(Float.isFinite(weight), "weights are restored to the start of the failing epoch");
        }
    }

    @Test
    void aNonFiniteLossRestoresWeightsAndOptimizerStateOfTheEpochStart() {
        Sequential model = mlp();
        Adam adam = new Adam(1e-2);
        Map<String, float[]> stateAtStart = new HashMap<>();
        float[][] weightsAtStart = new float[1][];
        long[] stepsAtStart = new long[1];
        TrainingListener poisonInEpochTwo = new TrainingListener() {
            @Override
            public void onEpochStart(TrainingState state) {
                weightsAtStart[0] = state.model().parameterSet().values().toFloatVector();
                stepsAtStart[0] = adam.steps();
                stateAtStart.clear();
                adam.state().forEach((name, buffer) -> stateAtStart.put(name, buffer.toFloatVector()));
            }

            @Override
            public void onBatchEnd(TrainingState state, int batch, double loss) {
                if (state.epoch() == 2 && batch == 5) {
                    INDArray values = state.model().parameterSet().values();
                    values.putScalar(values.length() - 1, Double.NaN);   // the last output's bias
                }
            }
        };
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> quiet(model).optimizer(adam).listener(poisonInEpochTwo).build().fit(blobs(1)));
        assertTrue(error.getMessage().startsWith("loss became NaN in epoch 2, batch 6 of 19"), error.getMessage());
        assertEquals(19, stepsAtStart[0]);
        assertEquals(19, adam.steps());
        assertArrayEquals(weightsAtStart[0], model.parameterSet().values().toFloatVector());
        assertEquals(stateAtStart.keySet(), adam.state().keySet());
        for (String name : stateAtStart.keySet()) {
            assertArrayEquals(stateAtStart.get(name), adam.state().get(name).toFloatVector(), name);
        }
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> quiet(model).optimizer(adam).listener(poisonInEpochTwo).build().fit(blobs(1)));
        assertTrue(again.getMessage().contains("epoch 2, batch 6"), "the restored run repeats exactly: " + again);
    }

    @Test
    void regressionReportsLossOnly() {
        DataSet data = new DataSet(Nd4j.create(new float[][] {{0}, {1}, {2}, {3}}), Nd4j.create(new float[][] {{1}, {3}, {5}, {7}}));
        Sequential line = new Sequential(new Dense(1, 1));
        History history = Trainer.builder(line).loss(Loss.mse()).optimizer(new Sgd(0.05)).batchSize(4).epochs(300)
                .logEpochs(false).progressBar(false).build().fit(data, data);
        assertEquals(List.of("loss", "val_loss"), history.metricNames());
        assertTrue(history.finalLoss() < 1e-3, history.toString());
    }

    @Test
    void binaryCrossEntropyFromLogitsReportsAccuracy() {
        DataSet data = new DataSet(Nd4j.create(new float[][] {{-2}, {-1}, {1}, {2}}), Nd4j.create(new float[][] {{0}, {0}, {1}, {1}}));
        History history = Trainer.builder(new Sequential(new Dense(1, 1))).loss(Loss.binaryCrossEntropyFromLogits())
                .optimizer(new Sgd(0.5)).batchSize(4).epochs(50).logEpochs(false).progressBar(false).build().fit(data);
        assertEquals(1.0, history.last("accuracy"));
    }

    @Test
    void listenersSeeEveryStepInOrder() {
        List<String> calls = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onTrainingStart(TrainingState state) {
                calls.add("start " + state.epochs() + "x" + state.batchesPerEpoch());
            }

            @Override
            public void onEpochStart(TrainingState state) {
                calls.add("epoch " + state.epoch());
            }

            @Override
            public void onBatchEnd(TrainingState state, int batch, double loss) {
                calls.add("batch " + batch);
            }

            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                calls.add("end " + result.epoch());
            }

            @Override
            public void onTrainingEnd(TrainingState state, History history) {
                calls.add("done " + history.epochs());
            }
        };
        quiet(mlp()).batchSize(128).epochs(2).listener(recorder).build().fit(blobs(1));
        assertEquals(List.of("start 2x3", "epoch 1", "batch 1", "batch 2", "batch 3", "end 1",
                "epoch 2", "batch 1", "batch 2", "batch 3", "end 2", "done 2"), calls);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        List<float[]> weightsAfterEpoch = new ArrayList<>();
        TrainingListener snapshot = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                weightsAfterEpoch.add(state.model().parameterSet().values().data().asFloat());
            }
        };
        // The training loss falls every epoch, so "maximize loss" finds its best at epoch 1.
        EarlyStopping stopping = EarlyStopping.monitor("loss").maximize().patience(2);
        Sequential model = mlp();
        History history = quiet(model).epochs(10).listener(snapshot).listener(stopping).build().fit(blobs(1));
        assertEquals(3, history.epochs());
        assertEquals(1, stopping.bestEpoch());
        assertEquals("loss has not improved for 2 epochs; best " + String.format(java.util.Locale.ROOT, "%.4f",
                history.trainLoss().get(0)) + " at epoch 1", history.stopReason().orElseThrow());
        assertArrayEquals(weightsAfterEpoch.get(0), model.parameterSet().values().data().asFloat());
    }

    @Test
    void earlyStoppingOnAMissingMetricSaysWhatExists() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> quiet(mlp()).listener(EarlyStopping.monitor("val_loss")).build().fit(blobs(1)));
        assertEquals("no metric 'val_loss' in epoch 1; there are [loss, accuracy] "
                + "(validation metrics need fit(train, validation))", error.getMessage());
    }

    @Test
    void historyExportsCsvAndJson() throws Exception {
        Split split = blobs(1).split(60, 2);
        History history = quiet(mlp()).epochs(3).build().fit(split.train(), split.validation());
        String[] lines = history.toCsv().split("\n");
        assertEquals(4, lines.length);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,samples,train_seconds,epoch_seconds,samples_per_second",
                lines[0]);
        assertTrue(lines[3].startsWith("3," + history.trainLoss().get(2) + ","), lines[3]);

        Path json = dir.resolve("history.json");
        history.writeJson(json);
        Map<?, ?> root = (Map<?, ?>) JsonReader.read(Files.readAllBytes(json));
        List<?> epochs = (List<?>) root.get("epochs");
        assertEquals(3, epochs.size());
        assertEquals(history.metric("val_accuracy").get(1), ((Map<?, ?>) epochs.get(1)).get("val_accuracy"));
        assertTrue(root.containsKey("stop_reason"));
        assertNull(root.get("stop_reason"));
        Path csv = dir.resolve("history.csv");
        history.writeCsv(csv);
        assertEquals(history.toCsv(), Files.readString(csv));
    }

    @Test
    void epochLogLineNamesMetricsThroughputAndTime() {
        TrainingState state = new TrainingState(mlp(), 15, 10, 1000);
        EpochResult result = new EpochResult(3, java.util.Map.of("loss", 0.34123), 1000, 0.5, 0.6);
        assertEquals("epoch 3/15: loss 0.3412 | 2,000 samples/s, epoch 0.6 s, elapsed 1.8 s",
                ProgressLogger.format(state, result, 1.8));
    }
}
