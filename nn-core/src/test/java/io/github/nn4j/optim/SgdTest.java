package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.Sequential;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SgdTest {

    private static final double[] W0 = TinyModel.START;
    private static final double[][] G = TinyModel.GRADIENTS;

    @Test
    void stepMovesEveryParameterAgainstItsGradientByTheLearningRate() {
        Sequential model = new Sequential(new Dense(2, 1)).init(Initializer.zeros(), 0, DataType.DOUBLE);
        ParameterSet p = model.parameterSet();
        p.values().assign(Nd4j.create(new double[] {1.0, -2.0, 0.5}));
        p.gradients().assign(Nd4j.create(new double[] {0.5, -1.0, 4.0}));
        Sgd sgd = new Sgd(0.1);
        sgd.step(p);
        // w − lr·g: 1 − 0.05, −2 + 0.1, 0.5 − 0.4
        assertArrayEquals(new double[] {0.95, -1.9, 0.1}, p.values().toDoubleVector(), 1e-15);
        sgd.step(p);
        assertArrayEquals(new double[] {0.9, -1.8, -0.3}, p.values().toDoubleVector(), 1e-15);
    }

    @Test
    void nonPositiveLearningRateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
    }

    @Test
    void plainStepsAreWMinusLrG() {
        double lr = 0.1;
        double[][] actual = TinyModel.threeSteps(new Sgd(lr));
        double[] w = W0.clone();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                w[i] -= lr * G[t][i];
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void momentumAccumulatesGradientsInTheVelocity() {
        double lr = 0.1;
        double mu = 0.9;
        double[][] actual = TinyModel.threeSteps(new Sgd(lr).momentum(mu));
        double[] w = W0.clone();
        double[] b = new double[4];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                b[i] = mu * b[i] + G[t][i];   // PyTorch: buf = μ·buf + g (buf = g at the first step)
                w[i] -= lr * b[i];
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void nesterovLooksAheadAlongTheVelocity() {
        double lr = 0.05;
        double mu = 0.8;
        double[][] actual = TinyModel.threeSteps(new Sgd(lr).momentum(mu).nesterov(true));
        double[] w = W0.clone();
        double[] b = new double[4];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                b[i] = mu * b[i] + G[t][i];
                w[i] -= lr * (G[t][i] + mu * b[i]);   // PyTorch: g + μ·buf
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void weightDecayFollowsTheNotesRuleOnWeightsAndSparesBiases() {
        double lr = 0.1;
        double lambda = 0.5;
        double[][] actual = TinyModel.threeSteps(new Sgd(lr).weightDecay(lambda));
        double[] w = W0.clone();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                boolean weight = i < 2;
                // notes: w ← w(1 − λ) − ∂Loss/∂w, with the learning rate on both terms
                w[i] = (weight ? w[i] * (1 - lr * lambda) : w[i]) - lr * G[t][i];
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void weightDecayCanIncludeBiases() {
        double lr = 0.1;
        double lambda = 0.5;
        double[][] actual = TinyModel.threeSteps(new Sgd(lr).weightDecay(lambda).decayBiases(true));
        double[] w = W0.clone();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                w[i] = w[i] * (1 - lr * lambda) - lr * G[t][i];
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void weightDecayFollowsAChangedLearningRate() {
        Sgd sgd = new Sgd(0.1).weightDecay(0.5);
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[4]);
        sgd.step(parameters);
        sgd.setLearningRate(0.2);
        sgd.step(parameters);
        // weights: 1.0 · 0.95 · 0.9, biases untouched
        assertEquals(1.0 * 0.95 * 0.9, parameters.values().getDouble(0), 1e-12);
        assertEquals(0.5, parameters.values().getDouble(2), 1e-12);
    }

    @Test
    void savedStateResumesExactlyWhereItStopped() {
        double[][] uninterrupted = TinyModel.threeSteps(new Sgd(0.1).momentum(0.9));

        Sgd first = new Sgd(0.1).momentum(0.9);
        ParameterSet parameters = TinyModel.parameters();
        for (int t = 0; t < 2; t++) {
            TinyModel.setGradients(parameters, G[t]);
            first.step(parameters);
        }
        Map<String, INDArray> saved = Map.of("velocity", first.state().get("velocity").dup());
        Sgd resumed = new Sgd(0.1).momentum(0.9);
        resumed.loadState(saved, first.steps());
        TinyModel.setGradients(parameters, G[2]);
        resumed.step(parameters);

        assertEquals(3, resumed.steps());
        assertArrayEquals(uninterrupted[2], parameters.values().toDoubleVector(), 1e-12);
    }

    @Test
    void plainSgdHasNoStateButCountsSteps() {
        Sgd sgd = new Sgd(0.1);
        TinyModel.threeSteps(sgd);
        assertTrue(sgd.state().isEmpty());
        assertEquals(3, sgd.steps());
    }

    @Test
    void nesterovWithoutMomentumIsRejected() {
        Sgd sgd = new Sgd(0.1).nesterov(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.step(TinyModel.parameters()));
        assertTrue(e.getMessage().contains("momentum"), e.getMessage());
    }

    @Test
    void badSettingsNameTheValue() {
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class, () -> new Sgd(-1));
        assertTrue(lr.getMessage().contains("-1"), lr.getMessage());
        IllegalArgumentException mu = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).momentum(1.0));
        assertTrue(mu.getMessage().contains("momentum") && mu.getMessage().contains("1.0"), mu.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).weightDecay(-0.1));
    }

    @Test
    void stateOfAnotherModelSizeIsRejected() {
        Sgd sgd = new Sgd(0.1).momentum(0.9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.loadState(Map.of("speed", TinyModel.vector(1, 2)), 1));
        assertTrue(e.getMessage().contains("velocity") && e.getMessage().contains("speed"), e.getMessage());
        sgd.loadState(Map.of("velocity", TinyModel.vector(1, 2, 3)), 1);
        IllegalStateException size = assertThrows(IllegalStateException.class,
                () -> sgd.step(TinyModel.parameters()));
        assertTrue(size.getMessage().contains("3") && size.getMessage().contains("4"), size.getMessage());
    }
}
