package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.base.ParameterSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples and documented defaults in the class documentation of the {@code optim} package,
 * run as written on {@link TinyModel}'s parameters {@code [W00, W01, b0, b1] = [1, −2, 0.5, 0.25]};
 * each test names the file and lines it checks. Expected values are worked out by hand in the
 * comments.
 */
class OptimDocExamplesTest {

    private static final double EXACT = 1e-15;

    @Test
    void adamWDecaysWeightsByOneHundredthOfTheRatePerStepByDefault() {
        // AdamW.java:13-14 (λ = 0.01) and 17-18 (Adam's defaults)
        AdamW adamW = new AdamW(1e-3);
        assertEquals(0.01, adamW.weightDecay());
        assertEquals(0.1, new AdamW(1e-3).weightDecay(0.1).weightDecay());
        assertEquals(List.of(1e-3, 0.9, 0.999, 1e-8, 0.01, false, 0L), List.of(adamW.learningRate(), adamW.beta1(),
                adamW.beta2(), adamW.epsilon(), adamW.weightDecay(), adamW.decaysBiases(), adamW.steps()));

        // With a zero gradient Adam's step is 0, so only the decay moves: w·(1 − 1e-3·0.01), biases unchanged.
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[4]);
        adamW.step(parameters);
        assertArrayEquals(new double[] {1.0 * (1 - 1e-5), -2.0 * (1 - 1e-5), 0.5, 0.25},
                parameters.values().toDoubleVector(), EXACT);

        ParameterSet stronger = TinyModel.parameters();
        TinyModel.setGradients(stronger, new double[4]);
        new AdamW(1e-3).weightDecay(0.1).step(stronger);
        assertArrayEquals(new double[] {1.0 * (1 - 1e-4), -2.0 * (1 - 1e-4), 0.5, 0.25},
                stronger.values().toDoubleVector(), EXACT);
    }

    @Test
    void theOptimizersDefaultsArePyTorchs() {
        // Adam.java:13-14, RmsProp.java:10, Adagrad.java:10
        Adam adam = new Adam();
        assertEquals(1e-3, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-8, adam.epsilon());
        RmsProp rmsProp = new RmsProp();
        assertEquals(0.01, rmsProp.learningRate());
        assertEquals(0.99, rmsProp.alpha());
        assertEquals(1e-8, rmsProp.epsilon());
        Adagrad adagrad = new Adagrad();
        assertEquals(0.01, adagrad.learningRate());
        assertEquals(1e-10, adagrad.epsilon());
    }

    @Test
    void plainSgdWithWeightDecayIsTheNotesRule() {
        // Sgd.java:18-19: w ← w(1 − lr·λ) − lr·g on weights, w ← w − lr·g on biases; lr = 0.1, λ = 0.5
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, TinyModel.GRADIENTS[0]);   // g = [0.5, −1, 2, 0.1]
        new Sgd(0.1).weightDecay(0.5).step(parameters);
        assertArrayEquals(new double[] {
            1.0 * 0.95 - 0.1 * 0.5,     // 0.9
            -2.0 * 0.95 + 0.1 * 1.0,    // −1.8
            0.5 - 0.1 * 2.0,            // 0.3
            0.25 - 0.1 * 0.1,           // 0.24
        }, parameters.values().toDoubleVector(), 1e-15);
    }

    @Test
    void sgdNamesItsMomentumInItsDescription() {
        // Sgd.java:108 (", momentum=0.9") and 22-23
        assertEquals("Sgd(lr=0.1)", new Sgd(0.1).toString());
        assertEquals("Sgd(lr=0.1, momentum=0.9)", new Sgd(0.1).momentum(0.9).toString());
    }

    @Test
    void stepDecayGivesATenthAHundredthAndAThousandthByThirtyEpochs() {
        // StepDecay.java:8-9
        LearningRateSchedule schedule = LearningRateSchedule.stepDecay(0.1, 30, 0.1);
        for (int epoch : new int[] {0, 29}) {
            assertEquals(0.1, schedule.learningRate(epoch, 12_345), EXACT);
        }
        for (int epoch : new int[] {30, 59}) {
            assertEquals(0.01, schedule.learningRate(epoch, 0), EXACT);
        }
        for (int epoch : new int[] {60, 89}) {
            assertEquals(0.001, schedule.learningRate(epoch, 0), EXACT);
        }
        assertEquals(0.0001, schedule.learningRate(90, 0), EXACT);
    }

    @Test
    void cosineAnnealsOverFiftyEpochsThenStaysAtTheMinimum() {
        // CosineAnnealing.java:13 and 16-17
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 1e-4, 50);
        assertEquals(0.1, schedule.learningRate(0, 999), EXACT);
        assertEquals((0.1 + 1e-4) / 2, schedule.learningRate(25, 0), EXACT);   // cos(π/2) = 0
        assertEquals(1e-4, schedule.learningRate(50, 0), EXACT);
        assertEquals(1e-4, schedule.learningRate(80, 0), EXACT);
        assertEquals(Double.MIN_NORMAL, LearningRateSchedule.cosine(0.1, 0, 50).learningRate(50, 0));
    }

    @Test
    void exponentialDecayPerEpochAndPerStep() {
        // ExponentialDecay.java:8-9
        LearningRateSchedule schedule = LearningRateSchedule.exponential(0.1, 0.95);
        assertEquals(0.1, schedule.learningRate(0, 500), EXACT);
        assertEquals(0.1 * 0.95 * 0.95, schedule.learningRate(2, 500), EXACT);
        LearningRateSchedule perStep = new ExponentialDecay(0.1, 0.9999, LearningRateSchedule.Unit.STEP);
        assertEquals(0.1, perStep.learningRate(7, 0), EXACT);
        assertEquals(0.1 * Math.pow(0.9999, 10_000), perStep.learningRate(0, 10_000), 1e-12);
    }

    @Test
    void warmUpStartsAtOneFiveHundredthAndReachesTheFullRateAtStep499() {
        // LinearWarmup.java:11 and 16
        LearningRateSchedule schedule = LearningRateSchedule.cosine(1e-3, 0, 30).withWarmup(500);
        assertEquals(1e-3 / 500, schedule.learningRate(0, 0), EXACT);
        assertEquals(1e-3 * 250 / 500, schedule.learningRate(0, 249), EXACT);
        assertEquals(1e-3, schedule.learningRate(0, 499), EXACT);
        assertEquals(1e-3 * (1 + Math.cos(Math.PI * 3 / 30)) / 2, schedule.learningRate(3, 2_000), EXACT);
    }

    @Test
    void theTrainingLoopOfTheScheduleExampleSetsTheRateBeforeEachStep() {
        // LearningRateSchedule.java:8-11 (and ConstantRate.java:7)
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0.0, 50).withWarmup(200);
        Optimizer optimizer = new Sgd(1.0);
        ParameterSet parameters = TinyModel.parameters();
        for (int step = 0; step < 3; step++) {
            optimizer.setLearningRate(schedule.learningRate(0, optimizer.steps()));
            TinyModel.setGradients(parameters, new double[] {1, 1, 1, 1});
            optimizer.step(parameters);
        }
        assertEquals(3, optimizer.steps());
        assertEquals(0.1 * 3 / 200, optimizer.learningRate(), EXACT);
        // Three steps of g = 1 at rates 0.1·(1, 2, 3)/200 move each entry by 0.1·6/200 = 0.003.
        assertEquals(1.0 - 0.003, parameters.values().getDouble(0), 1e-15);
        assertEquals(0.01, LearningRateSchedule.constant(0.01).learningRate(40, 9_999));
    }

    @Test
    void globalNormClippingReturnsTheNormBeforeAndScalesToTheLimit() {
        // GlobalNormClipping.java:11 and 16; g = [3, 4, 0, 12] has norm 13
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[] {3, 4, 0, 12});
        double normBefore = new GlobalNormClipping(5.0).clip(parameters);
        assertEquals(13.0, normBefore, EXACT);
        double factor = 5.0 / (13.0 + 1e-6);
        assertArrayEquals(new double[] {3 * factor, 4 * factor, 0, 12 * factor},
                parameters.gradients().toDoubleVector(), 1e-15);
        TinyModel.setGradients(parameters, new double[] {0.3, 0.4, 0, 1.2});
        assertEquals(1.3, new GlobalNormClipping(5.0).clip(parameters), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.4, 0, 1.2}, parameters.gradients().toDoubleVector(), "below the limit");
    }

    @Test
    void valueClippingClampsEachEntryToHalf() {
        // ValueClipping.java:10 and 14
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[] {0.7, -2.0, 0.25, -0.5});
        new ValueClipping(0.5).clip(parameters);
        assertArrayEquals(new double[] {0.5, -0.5, 0.25, -0.5}, parameters.gradients().toDoubleVector());
    }

    @Test
    void l2PenaltyAndGradientCoverTheWeightsOnly() {
        // Regularization.java:12-18 and 23-26, λ₂ = 1e-4 on weights [1, −2]: penalty (1e-4/2)·5, gradient 1e-4·w
        ParameterSet parameters = TinyModel.parameters();
        Regularization regularization = Regularization.l2(1e-4);
        assertEquals(2.5e-4, regularization.penalty(parameters), 1e-18);
        TinyModel.setGradients(parameters, new double[] {0.5, -1.0, 2.0, 0.1});
        regularization.addGradient(parameters);
        assertArrayEquals(new double[] {0.5 + 1e-4, -1.0 - 2e-4, 2.0, 0.1}, parameters.gradients().toDoubleVector(),
                1e-15);
    }
}
