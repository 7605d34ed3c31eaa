package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.JsonReader;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.testing.SeededArrays;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples in the class documentation of the {@code train} package, run as written; each test
 * names the file and lines it checks. Throughput and times are measured, so where an example shows
 * them the test fixes them through the values the line is made from, or checks only their form.
 */
class TrainDocExamplesTest {

    @TempDir
    Path dir;

    /** Three seeded Gaussian blobs in the plane, class indices as labels. */
    private static DataSet blobs(long seed, int n) {
        Random random = new Random(seed);
        double[][] centres = {{0, 0}, {3, 0}, {0, 3}};
        float[][] features = new float[n][2];
        float[][] labels = new float[n][1];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            features[i][0] = (float) (centres[c][0] + random.nextGaussian());
            features[i][1] = (float) (centres[c][1] + random.nextGaussian());
            labels[i][0] = c;
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(labels));
    }

    private static Sequential classifier() {
        return new Sequential(new Dense(2, 8), new ReLU(), new Dense(8, 3)).init(Initializer.he(), 7);
    }

    private static List<Integer> epochsOf(History history) {
        return history.epochResults().stream().map(EpochResult::epoch).toList();
    }

    @Test
    void theEpochLogLineIsTheDocumentedOne() {
        // ProgressLogger.java:9-12, with the measured parts given: 55,000 samples in 0.898... s of training
        TrainingState state = new TrainingState(classifier(), 15, 430, 55_000);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.3412);
        metrics.put("accuracy", 0.8751);
        metrics.put("val_loss", 0.3390);
        metrics.put("val_accuracy", 0.8782);
        EpochResult result = new EpochResult(3, metrics, 55_000, 55_000 / 61_234.0, 1.0);
        assertEquals("epoch 3/15: loss 0.3412, accuracy 0.8751, val_loss 0.3390, val_accuracy 0.8782 | 61,234 samples/s, "
                + "epoch 1.0 s, elapsed 3.1 s", ProgressLogger.format(state, result, 3.1));
    }

    @Test
    void theProgressBarDrawsTheDocumentedLineAfterASecondAndErasesItAtTheEpochsEnd() throws InterruptedException {
        // ConsoleProgressBar.java:7-10; the samples/s figure is measured, so only its form is checked
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        TrainingState state = new TrainingState(classifier(), 15, 430, 55_000);
        state.startEpoch(3);
        bar.onEpochStart(state);
        for (int batch = 1; batch < 190; batch++) {
            bar.onBatchEnd(state, batch, 0.3521);
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing in the epoch's first second");
        Thread.sleep(1_100);
        bar.onBatchEnd(state, 190, 0.3521);
        String line = bytes.toString(StandardCharsets.UTF_8);
        String documented = "epoch 3/15 [=============>                ] 190/430  loss 0.3521  ";   // 13 of 30 filled
        assertTrue(Pattern.matches("\r" + Pattern.quote(documented) + "\\d{1,3}(,\\d{3})* samples/s", line), line);

        bytes.reset();
        bar.onEpochEnd(state, new EpochResult(3, Map.of("loss", 0.3521), 55_000, 1.2, 1.3));
        assertEquals("\r" + " ".repeat(line.length() - 1) + "\r", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void computeGradientsLeavesTheParametersAndReturnsTheLossSumThenApplyUpdateTakesAdamsStep() {
        // TrainingStep.java:46-48; Adam's first step moves every entry by lr·g/|g| = ±1e-3 (m̂ = g, v̂ = g²)
        Sequential model = new Sequential(new Dense(4, 3)).init(Initializer.xavierUniform(), 3);
        INDArray x = SeededArrays.gaussian(4, DataType.FLOAT, 6, 4);
        INDArray y = Nd4j.createFromArray(0, 2, 1, 1, 0, 2);
        INDArray before = model.parameterSet().values().dup();

        TrainingStep step = new TrainingStep(model, Loss.softmaxCrossEntropy(), new Adam(1e-3), null, null, null);
        double meanLoss = step.computeGradients(x, y, x.rows()) / x.rows();
        assertEquals(before, model.parameterSet().values(), "computeGradients changes no parameter");
        assertEquals(Loss.softmaxCrossEntropy().value(model.predict(x), y), meanLoss, 1e-6);
        double[] gradient = model.parameterSet().gradients().toDoubleVector();

        assertEquals(0.0, step.applyUpdate(1), "no regularization, no penalty");
        double[] moved = model.parameterSet().values().sub(before).toDoubleVector();
        for (int i = 0; i < moved.length; i++) {
            assertEquals(-1e-3 * Math.signum(gradient[i]), moved[i], 1e-6, "entry " + i);
        }
    }

    @Test
    void aCrashInEpochSevenOfTenResumesWithEpochsSevenToTen() throws IOException {
        // Trainer.java:96-97
        DataSet train = blobs(1, 60);
        DataSet validation = blobs(2, 30);
        Path checkpoint = dir.resolve("run.nn4j");
        TrainingListener crashInEpochSeven = new TrainingListener() {
            @Override
            public void onEpochStart(TrainingState state) {
                if (state.epoch() == 7) {
                    throw new IllegalStateException("simulated crash in epoch 7");
                }
            }
        };
        Trainer first = Trainer.builder(classifier()).loss(Loss.softmaxCrossEntropy()).optimizer(new Sgd(0.1))
                .batchSize(16).epochs(10).seed(42).progressBar(false).logEpochs(false).checkpoint(checkpoint)
                .listener(crashInEpochSeven).build();
        assertThrows(IllegalStateException.class, () -> first.fit(train, validation));

        History history = Trainer.resume(checkpoint).loss(Loss.softmaxCrossEntropy()).build().fit(train, validation);
        assertEquals(List.of(7, 8, 9, 10), epochsOf(history));
    }

    @Test
    void aCheckpointOfEpochTwoWithEpochsFourRunsEpochsThreeAndFour() throws IOException {
        // TrainerBuilder.java:96-98
        DataSet train = blobs(1, 60);
        Path checkpoint = dir.resolve("epoch2.nn4j");
        Trainer.builder(classifier()).loss(Loss.softmaxCrossEntropy()).batchSize(16).epochs(2).seed(42)
                .progressBar(false).logEpochs(false).checkpoint(checkpoint).build().fit(train);

        Trainer resumed = Trainer.resume(checkpoint).loss(Loss.softmaxCrossEntropy()).epochs(4).progressBar(false)
                .logEpochs(false).build();
        assertEquals(List.of(3, 4), epochsOf(resumed.fit(train)));
    }

    @Test
    void earlyStoppingKeepsTheWeightsOfTheBestEpoch() {
        // EarlyStopping.java:14-16 (and TrainingState.requestStop's reason). The validation targets are
        // the negated training targets, so from w = 0 every epoch of learning y = x makes val_loss worse:
        // epoch 1 is the best, and three epochs without improvement stop training after epoch 4.
        INDArray x = Nd4j.linspace(-1, 1, 16, DataType.FLOAT).reshape(16, 1);
        DataSet train = new DataSet(x, x.dup());
        DataSet validation = new DataSet(x, x.neg());
        Sequential model = new Sequential(new Dense(1, 1));
        model.parameterSet().values().assign(0);
        Map<Integer, INDArray> weightsAfter = new HashMap<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                weightsAfter.put(result.epoch(), state.model().parameterSet().values().dup());
            }
        };

        EarlyStopping stopping = EarlyStopping.monitor("val_loss").patience(3);
        History history = Trainer.builder(model).epochs(100).listener(stopping).listener(recorder).build()
                .fit(train, validation);
        assertEquals(1, stopping.bestEpoch());
        assertEquals(4, history.epochs());
        assertEquals(weightsAfter.get(stopping.bestEpoch()), model.parameterSet().values());
        assertTrue(history.stopReason().orElseThrow().startsWith("val_loss has not improved for 3 epochs"),
                history.toString());
    }

    @Test
    void theJsonHistoryHasTheDocumentedLayout() throws IOException {
        // History.java:122
        History history = new History();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.52);
        metrics.put("accuracy", 0.81);
        history.add(new EpochResult(1, metrics, 55_000, 2.1, 2.5));
        Map<?, ?> json = (Map<?, ?>) JsonReader.read(history.toJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("epochs", "stop_reason"), List.copyOf(json.keySet()));
        Map<?, ?> epoch = (Map<?, ?>) ((List<?>) json.get("epochs")).get(0);
        assertEquals(List.of("epoch", "loss", "accuracy", "samples", "train_seconds", "epoch_seconds",
                "samples_per_second"), List.copyOf(epoch.keySet()));
        assertEquals(1, epoch.get("epoch"));
        assertEquals(0.52, epoch.get("loss"));
        assertEquals(55_000, epoch.get("samples"));
        assertEquals(2.1, epoch.get("train_seconds"));
        assertNull(json.get("stop_reason"));
    }
}
