package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdagradTest {

    private static final double[][] G = TinyModel.GRADIENTS;

    @Test
    void firstThreeStepsMatchTheTextbookFormula() {
        double lr = 0.1;
        double eps = 1e-10;   // PyTorch's default
        double[][] actual = TinyModel.threeSteps(new Adagrad(lr));
        double[] w = TinyModel.START.clone();
        double[] s = new double[4];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                s[i] += G[t][i] * G[t][i];
                w[i] -= lr * G[t][i] / (Math.sqrt(s[i]) + eps);
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void keepsTheSumOfSquaredGradientsAsState() {
        Adagrad adagrad = new Adagrad();
        TinyModel.threeSteps(adagrad);
        double sum0 = 0.5 * 0.5 + 0.3 * 0.3 + 0.6 * 0.6;
        assertEquals(sum0, adagrad.state().get("sum").getDouble(0), 1e-12);
        assertEquals(3, adagrad.steps());
        assertEquals(0.01, adagrad.learningRate());
    }

    @Test
    void weightDecayShrinksWeightsBeforeTheAdaptiveStep() {
        double lr = 0.1;
        double lambda = 0.2;
        double[][] actual = TinyModel.threeSteps(new Adagrad(lr).weightDecay(lambda));
        double[] w = TinyModel.START.clone();
        double[] s = new double[4];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 4; i++) {
                s[i] += G[t][i] * G[t][i];
                double decayed = i < 2 ? w[i] * (1 - lr * lambda) : w[i];
                w[i] = decayed - lr * G[t][i] / (Math.sqrt(s[i]) + 1e-10);
            }
            assertArrayEquals(w, actual[t], 1e-12, "step " + (t + 1));
        }
    }
}
