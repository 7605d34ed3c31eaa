package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two operations of a step, and how workers' shares of a batch add up to one machine's step. */
class TrainingStepTest {

    /** Six examples of 3 features, seeded, and their class indices. */
    private static final INDArray X;
    private static final INDArray Y = Nd4j.create(new double[] {0, 1, 1, 0, 1, 0});

    static {
        Random random = new Random(23);
        double[][] x = new double[6][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = random.nextGaussian();
            }
        }
        X = Nd4j.create(x);
    }

    private static Sequential model(DataType type) {
        return new Sequential(new Dense(3, 4), new Tanh(), new Dense(4, 2)).init(Initializer.xavierNormal(), 3, type);
    }

    private static TrainingStep fullStep(Sequential model) {
        return new TrainingStep(model, Loss.softmaxCrossEntropy(), new Adam(0.05),
                LearningRateSchedule.exponential(0.05, 0.5), Regularization.l2(0.1), GradientClipping.byGlobalNorm(0.5));
    }

    @Test
    void computeGradientsLeavesTheMeanGradientAndReturnsTheSumWithoutChangingParameters() {
        Sequential model = model(DataType.DOUBLE);
        INDArray before = model.parameterSet().values().dup();
        double sum = new TrainingStep(model, Loss.softmaxCrossEntropy()).computeGradients(X, Y, 6);
        assertEquals(before, model.parameterSet().values());

        Sequential byHand = model(DataType.DOUBLE);
        Loss loss = Loss.softmaxCrossEntropy();
        INDArray output = byHand.forward(X, Mode.TRAIN);
        double mean = loss.value(output, Y);
        byHand.backward(loss.gradient(output, Y));
        assertEquals(6 * mean, sum, 1e-12);
        assertArrayEquals(byHand.parameterSet().gradients().toDoubleVector(),
                model.parameterSet().gradients().toDoubleVector(), 0.0);
    }

    @Test
    void workersSharesOfABatchSumToTheGradientAndUpdateOfOneMachine() {
        Sequential single = model(DataType.DOUBLE);
        TrainingStep oneMachine = fullStep(single);
        double wholeSum = oneMachine.computeGradients(X, Y, 6);
        INDArray wholeGradient = single.parameterSet().gradients().dup();
        double penalty = oneMachine.applyUpdate(2);

        // Two workers hold 4 and 2 of the 6 rows and divide by the global batch size, 6.
        Sequential first = model(DataType.DOUBLE);
        Sequential second = model(DataType.DOUBLE);
        double firstSum = new TrainingStep(first, Loss.softmaxCrossEntropy())
                .computeGradients(X.getRows(0, 1, 2, 3), Nd4j.create(new double[] {0, 1, 1, 0}), 6);
        double secondSum = new TrainingStep(second, Loss.softmaxCrossEntropy())
                .computeGradients(X.getRows(4, 5), Nd4j.create(new double[] {1, 0}), 6);
        INDArray summed = first.parameterSet().gradients().add(second.parameterSet().gradients());
        assertEquals(wholeSum, firstSum + secondSum, 1e-12);
        assertArrayEquals(wholeGradient.toDoubleVector(), summed.toDoubleVector(), 1e-15);

        // The driver applies the summed gradient once.
        Sequential driver = model(DataType.DOUBLE);
        driver.parameterSet().gradients().assign(summed);
        double driverPenalty = fullStep(driver).applyUpdate(2);
        assertEquals(penalty, driverPenalty, 0.0);
        assertArrayEquals(single.parameterSet().values().toDoubleVector(), driver.parameterSet().values().toDoubleVector(),
                1e-15);
    }

    @Test
    void withDropoutWorkersNamingTheirRowsPositionsSumToOneMachinesGradient() {
        Sequential single = droppingModel();
        TrainingStep oneMachine = new TrainingStep(single, Loss.softmaxCrossEntropy());
        oneMachine.computeGradients(X, Y, 6);                    // pass 0, counted
        double wholeSum = oneMachine.computeGradients(X, Y, 6);  // pass 1, counted
        INDArray wholeGradient = single.parameterSet().gradients().dup();

        Sequential placed = droppingModel();
        new TrainingStep(placed, Loss.softmaxCrossEntropy()).computeGradients(X, Y, 6, TrainingPass.of(1));
        assertArrayEquals(wholeGradient.toDoubleVector(), placed.parameterSet().gradients().toDoubleVector(), 0.0,
                "pass 1 named is pass 1 counted");

        // Two workers hold rows {5, 1, 3} and {0, 2, 4} of the batch, and name their positions.
        int[][] shares = {{5, 1, 3}, {0, 2, 4}};
        INDArray summed = Nd4j.zeros(DataType.DOUBLE, wholeGradient.length());
        double sum = 0;
        for (int[] rows : shares) {
            Sequential worker = droppingModel();
            INDArray targets = Nd4j.create(Arrays.stream(rows).mapToDouble(Y::getDouble).toArray());
            sum += new TrainingStep(worker, Loss.softmaxCrossEntropy()).computeGradients(X.getRows(rows), targets, 6,
                    TrainingPass.of(1, rows));
            summed.addi(worker.parameterSet().gradients());
        }
        assertEquals(wholeSum, sum, 1e-12);
        assertArrayEquals(wholeGradient.toDoubleVector(), summed.toDoubleVector(), 1e-15);
    }

    /** {@link #model} with dropout after the hidden layer. */
    private static Sequential droppingModel() {
        return new Sequential(new Dense(3, 4), new Tanh(), new Dropout(0.5), new Dense(4, 2))
                .init(Initializer.xavierNormal(), 3, DataType.DOUBLE);
    }

    @Test
    void oneMachinesStepIsBitwiseTheDocumentedOrder() {
        Sequential model = model(DataType.FLOAT);
        INDArray x = X.castTo(DataType.FLOAT);
        TrainingStep step = fullStep(model);
        double penalty = 0;
        for (int s = 0; s < 3; s++) {
            step.computeGradients(x, Y, 6);
            penalty = step.applyUpdate(s + 1);
        }

        Sequential byHand = model(DataType.FLOAT);
        Optimizer adam = new Adam(0.05);
        LearningRateSchedule schedule = LearningRateSchedule.exponential(0.05, 0.5);
        Regularization l2 = Regularization.l2(0.1);
        GradientClipping clipping = GradientClipping.byGlobalNorm(0.5);
        Loss loss = Loss.softmaxCrossEntropy();
        double lastPenalty = 0;
        for (int s = 0; s < 3; s++) {
            INDArray output = byHand.forward(x, Mode.TRAIN);
            byHand.backward(loss.gradient(output, Y));
            adam.setLearningRate(schedule.learningRate(s, adam.steps()));
            lastPenalty = l2.penalty(byHand.parameterSet());
            l2.addGradient(byHand.parameterSet());
            clipping.clip(byHand.parameterSet());
            adam.step(byHand.parameterSet());
        }
        assertArrayEquals(byHand.parameterSet().values().toFloatVector(), model.parameterSet().values().toFloatVector());
        assertEquals(lastPenalty, penalty, 0.0);
        assertTrue(penalty > 0);
    }

    @Test
    void aStepWithoutOptimizerOnlyComputesGradients() {
        TrainingStep worker = new TrainingStep(model(DataType.DOUBLE), Loss.softmaxCrossEntropy());
        worker.computeGradients(X, Y, 6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> worker.applyUpdate(1));
        assertTrue(e.getMessage().contains("without an optimizer"), e.getMessage());
    }

    @Test
    void anExampleCountBelowTheRowsIsRejected() {
        TrainingStep step = new TrainingStep(model(DataType.DOUBLE), Loss.mse(), new Sgd(0.1), null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step.computeGradients(X, Nd4j.zeros(6, 2), 5));
        assertTrue(e.getMessage().contains("6 rows") && e.getMessage().contains("5 examples"), e.getMessage());
    }
}
