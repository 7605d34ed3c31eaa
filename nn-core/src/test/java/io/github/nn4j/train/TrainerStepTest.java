package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule.Unit;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.optim.StepDecay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The optional parts of a training step: schedule, regularization, clipping, and their order. */
class TrainerStepTest {

    /** Records the optimizer's rate and the global gradient norm after every step. */
    private static final class StepRecorder implements TrainingListener {
        final List<Double> rates = new ArrayList<>();
        final List<Double> gradientNorms = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        private final Optimizer optimizer;

        StepRecorder(Optimizer optimizer) {
            this.optimizer = optimizer;
        }

        @Override
        public void onBatchEnd(TrainingState state, int batch, double loss) {
            rates.add(optimizer.learningRate());
            // The optimizer reads the gradients and leaves them as clipping left them.
            gradientNorms.add(state.model().parameterSet().gradients().norm2Number().doubleValue());
            losses.add(loss);
        }
    }

    private static TrainerBuilder quiet(Sequential model, Optimizer optimizer) {
        return Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(optimizer).batchSize(100).epochs(3)
                .seed(3).logEpochs(false).progressBar(false);
    }

    @Test
    void aStepScheduleSetsTheRateBeforeEveryStep() {
        Sgd sgd = new Sgd(1.0);
        StepRecorder recorder = new StepRecorder(sgd);
        // 300 examples, batch 100: three steps per epoch, nine in all.
        History history = quiet(TrainerTest.mlp(), sgd).schedule(new StepDecay(0.1, 2, 0.5, Unit.STEP))
                .listener(recorder).build().fit(TrainerTest.blobs(1));
        List<Double> expected = new ArrayList<>();
        for (int step = 0; step < 9; step++) {
            expected.add(0.1 * Math.pow(0.5, step / 2));   // lr(s) = 0.1·0.5^⌊s/2⌋
        }
        assertEquals(expected, recorder.rates);
        assertEquals(List.of(expected.get(2), expected.get(5), expected.get(8)), history.metric("lr"),
                "lr is the rate of each epoch's last step");
    }

    @Test
    void anEpochScheduleCountsEpochsFromZero() {
        Sgd sgd = new Sgd(1.0);
        StepRecorder recorder = new StepRecorder(sgd);
        History history = quiet(TrainerTest.mlp(), sgd).schedule(LearningRateSchedule.exponential(0.2, 0.5))
                .listener(recorder).build().fit(TrainerTest.blobs(1));
        assertEquals(List.of(0.2, 0.1, 0.05), history.metric("lr"));   // lr(e) = 0.2·0.5^e, e = 0, 1, 2
        assertEquals(List.of(0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05), recorder.rates);
        assertEquals(List.of("loss", "accuracy", "lr"), history.metricNames());
    }

    @Test
    void withoutAScheduleTheRateStaysAndThereIsNoLrMetric() {
        Sgd sgd = new Sgd(0.1);
        History history = quiet(TrainerTest.mlp(), sgd).build().fit(TrainerTest.blobs(1));
        assertEquals(0.1, sgd.learningRate());
        assertFalse(history.metricNames().contains("lr"));
    }

    @Test
    void theReportedLossesAreCostPlusPenalty() {
        // Regression, one batch of all 8 examples per epoch: the epoch's loss is that batch's.
        INDArray x = Nd4j.create(new float[][] {{0, 1}, {1, 0}, {1, 1}, {2, 1}, {-1, 0}, {0, -2}, {3, 1}, {1, -1}});
        INDArray y = Nd4j.create(new float[][] {{1}, {2}, {3}, {5}, {-1}, {-4}, {7}, {1}});
        DataSet data = new DataSet(x, y);
        Regularization regularization = new Regularization(0.05, 0.5);
        Sequential model = new Sequential(new Dense(2, 4), new Tanh(), new Dense(4, 1)).init(Initializer.gaussian(0.8), 2);
        Sequential before = new Sequential(new Dense(2, 4), new Tanh(), new Dense(4, 1)).init(Initializer.gaussian(0.8), 2);

        double cost = Loss.mse().value(before.forward(x, Mode.TRAIN), y);
        double penalty = new Regularization(0.05, 0.5).penalty(before.parameterSet());
        History history = Trainer.builder(model).loss(Loss.mse()).optimizer(new Sgd(0.01)).regularization(regularization)
                .batchSize(8).epochs(1).logEpochs(false).progressBar(false).build().fit(data, data);
        assertTrue(penalty > 0.1 && penalty > cost / 10, "the penalty is large enough to see: " + penalty);
        // The shuffled batch sums the same squares in another order: float32 rounding only.
        assertEquals(cost + penalty, history.finalLoss(), 1e-5 * (cost + penalty));

        double validationCost = Loss.mse().value(model.predict(x), y);
        double finalPenalty = new Regularization(0.05, 0.5).penalty(model.parameterSet());
        assertEquals(validationCost + finalPenalty, history.last("val_loss"), 1e-12 * (validationCost + finalPenalty),
                "val_loss is the objective at the epoch's final weights");
    }

    @Test
    void clippingCapsTheGlobalGradientNormOfEveryStep() {
        double maxNorm = 0.01;
        Sgd unclipped = new Sgd(0.1);
        StepRecorder free = new StepRecorder(unclipped);
        quiet(TrainerTest.mlp(), unclipped).batchSize(30).listener(free).build().fit(TrainerTest.blobs(1));
        assertTrue(free.gradientNorms.stream().allMatch(norm -> norm > maxNorm), "without clipping: " + free.gradientNorms);

        Sgd clipped = new Sgd(0.1);
        StepRecorder capped = new StepRecorder(clipped);
        quiet(TrainerTest.mlp(), clipped).batchSize(30).gradientClipping(GradientClipping.byGlobalNorm(maxNorm))
                .listener(capped).build().fit(TrainerTest.blobs(1));
        assertEquals(30, capped.gradientNorms.size());
        for (double norm : capped.gradientNorms) {
            assertEquals(maxNorm, norm, 1e-5, "scaled down to maxNorm: " + capped.gradientNorms);
        }
    }

    @Test
    void aStepIsScheduleForwardBackwardPenaltyClippingUpdateInThatOrder() {
        // Four identical examples: every shuffle gives the same batches, so a hand-written loop
        // over the documented order must give bitwise the trainer's weights.
        INDArray x = Nd4j.create(new float[][] {{0.5f, -1}, {0.5f, -1}, {0.5f, -1}, {0.5f, -1}});
        INDArray y = Nd4j.create(new float[][] {{2}, {2}, {2}, {2}});
        LearningRateSchedule schedule = new StepDecay(0.3, 2, 0.5, Unit.STEP).withWarmup(3);

        Sequential trained = new Sequential(new Dense(2, 3), new Tanh(), new Dense(3, 1)).init(Initializer.gaussian(1), 5);
        Trainer.builder(trained).loss(Loss.mse()).optimizer(new Sgd(1).momentum(0.9)).schedule(schedule)
                .regularization(new Regularization(0.01, 0.1)).gradientClipping(GradientClipping.byGlobalNorm(0.5))
                .batchSize(2).epochs(3).logEpochs(false).progressBar(false).build().fit(new DataSet(x, y));

        Sequential byHand = new Sequential(new Dense(2, 3), new Tanh(), new Dense(3, 1)).init(Initializer.gaussian(1), 5);
        Optimizer optimizer = new Sgd(1).momentum(0.9);
        Loss loss = Loss.mse();
        Regularization regularization = new Regularization(0.01, 0.1);
        GradientClipping clipping = GradientClipping.byGlobalNorm(0.5);
        INDArray xBatch = x.getRows(0, 1);
        INDArray yBatch = y.getRows(0, 1);
        for (int epoch = 1; epoch <= 3; epoch++) {
            for (int batch = 0; batch < 2; batch++) {
                optimizer.setLearningRate(schedule.learningRate(epoch - 1, optimizer.steps()));
                INDArray output = byHand.forward(xBatch, Mode.TRAIN);
                byHand.backward(loss.gradient(output, yBatch));
                regularization.addGradient(byHand.parameterSet());
                clipping.clip(byHand.parameterSet());
                optimizer.step(byHand.parameterSet());
            }
        }
        assertArrayEquals(byHand.parameterSet().values().data().asFloat(), trained.parameterSet().values().data().asFloat());
    }
}
