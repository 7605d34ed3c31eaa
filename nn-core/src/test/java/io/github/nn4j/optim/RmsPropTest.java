package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RmsPropTest {

    private static final double[][] G = TinyModel.GRADIENTS;

    @Test
    void firstThreeStepsMatchTheTextbookFormulaWithPyTorchDefaults() {
        double lr = 0.01;
        double alpha = 0.99;
        double eps = 1e-8;
        double[][] actual = TinyModel.threeSteps(new RmsProp());
        assertTextbookSteps(actual, lr, alpha, eps);
    }

    @Test
    void customAlphaAndEpsilonAreUsed() {
        double lr = 0.05;
        double alpha = 0.9;
        double eps = 1e-3;
        double[][] actual = TinyModel.threeSteps(new RmsProp(lr).alpha(alpha).epsilon(eps));
        assertTextbookSteps(actual, lr, alpha, eps);
    }

    @Test
    void keepsTheRunningSquareAverageAsState() {
        RmsProp rmsProp = new RmsProp().alpha(0.5);
        TinyModel.threeSteps(rmsProp);
        double v = 0;
        for (double[] g : G) {
            v = 0.5 * v + 0.5 * g[1] * g[1];
        }
        assertEquals(v, rmsProp.state().get("square_average").getDouble(1), 1e-12);
    }

    @Test
    void alphaOfOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RmsProp().alpha(1.0));
    }

    /** v ← αv + (1 − α)g², w ← w − lr·g/(√v + ε), written out for each of the three steps. */
    private static void assertTextbookSteps(double[][] actual, double lr, double alpha, double eps) {
        double[] w = TinyModel.START.clone();
        double[] v = new double[4];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                v[i] = alpha * v[i] + (1 - alpha) * G[t][i] * G[t][i];
                w[i] -= lr * G[t][i] / (Math.sqrt(v[i]) + eps);
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }
}
