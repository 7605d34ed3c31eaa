package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.ParameterSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AdamTest {

    private static final double[][] G = TinyModel.GRADIENTS;

    /** Three Adam steps in plain doubles, PyTorch's formula; {@code epsilon} large enough to matter. */
    static double[][] textbookAdam(double lr, double beta1, double beta2, double eps, double decoupledDecay) {
        double[] w = TinyModel.START.clone();
        double[] m = new double[4];
        double[] v = new double[4];
        double[][] after = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = G[t - 1];
            for (int i = 0; i < 4; i++) {
                if (i < 2) {
                    w[i] -= lr * decoupledDecay * w[i];
                }
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            after[t - 1] = w.clone();
        }
        return after;
    }

    @Test
    void firstThreeStepsMatchTheTextbookFormulaWithPyTorchDefaults() {
        double[][] expected = textbookAdam(1e-3, 0.9, 0.999, 1e-8, 0);
        double[][] actual = TinyModel.threeSteps(new Adam());
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(expected[t], actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void epsilonIsAddedToTheBiasCorrectedRootLikePyTorch() {
        // A large ε separates PyTorch's m̂/(√v̂ + ε) from the ε̂ form m̂/(√v̂ + ε/√(1−β₂ᵗ)) of the
        // native op: for entry 3 at step 1 (g = 0.1, so m̂ = 0.1, √v̂ = 0.1, ε/√(1−β₂) = 0.1)
        // they step by 0.1·0.1/(0.1 + 0.01) = 0.0909 vs 0.1·0.1/(0.1 + 0.1) = 0.05.
        double[][] expected = textbookAdam(0.1, 0.8, 0.99, 0.01, 0);
        double[][] actual = TinyModel.threeSteps(new Adam(0.1).betas(0.8, 0.99).epsilon(0.01));
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(expected[t], actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void weightDecayIsDecoupledLikeAdamW() {
        double[][] expected = textbookAdam(0.1, 0.9, 0.999, 1e-8, 0.3);
        double[][] actual = TinyModel.threeSteps(new Adam(0.1).weightDecay(0.3));
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(expected[t], actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void stateHoldsTheMomentsAndTheStepCount() {
        Adam adam = new Adam(0.1).betas(0.5, 0.75);
        assertTrue(adam.state().isEmpty());
        TinyModel.threeSteps(adam);
        assertEquals(List.of("m", "v"), List.copyOf(adam.state().keySet()));
        double m = 0;
        double v = 0;
        for (double[] g : G) {
            m = 0.5 * m + 0.5 * g[0];
            v = 0.75 * v + 0.25 * g[0] * g[0];
        }
        assertEquals(m, adam.state().get("m").getDouble(0), 1e-12);
        assertEquals(v, adam.state().get("v").getDouble(0), 1e-12);
        assertEquals(3, adam.steps());
    }

    @Test
    void savedStateResumesExactlyWhereItStopped() {
        double[][] uninterrupted = TinyModel.threeSteps(new Adam(0.1));

        Adam first = new Adam(0.1);
        ParameterSet parameters = TinyModel.parameters();
        for (int t = 0; t < 2; t++) {
            TinyModel.setGradients(parameters, G[t]);
            first.step(parameters);
        }
        Map<String, INDArray> saved = new LinkedHashMap<>();
        first.state().forEach((name, buffer) -> saved.put(name, buffer.dup()));
        Adam resumed = new Adam(0.1);
        resumed.loadState(saved, first.steps());
        TinyModel.setGradients(parameters, G[2]);
        resumed.step(parameters);

        assertArrayEquals(uninterrupted[2], parameters.values().toDoubleVector(), 1e-12);
    }

    @Test
    void loadingStateWithMissingBuffersNamesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam().loadState(Map.of("m", TinyModel.vector(0, 0, 0, 0)), 1));
        assertTrue(e.getMessage().contains("[m, v]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam().loadState(Map.of(), -1));
    }

    @Test
    void betasOutsideTheUnitIntervalAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam().betas(0.9, 1.5));
        assertTrue(e.getMessage().contains("beta2") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
