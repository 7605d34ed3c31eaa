package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.base.ParameterSet;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void firstThreeStepsAreAdamWithDecoupledDecayOfOneHundredth() {
        double[][] expected = AdamTest.textbookAdam(0.1, 0.9, 0.999, 1e-8, 0.01);
        double[][] actual = TinyModel.threeSteps(new AdamW(0.1));
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(expected[t], actual[t], 1e-12, "step " + (t + 1));
        }
        assertEquals(0.01, new AdamW().weightDecay());
        assertEquals(1e-3, new AdamW().learningRate());
    }

    @Test
    void decoupledDecayDiffersFromAdamWithAnL2Gradient() {
        // One weight w = 1 with zero loss gradient, lr = 0.1, λ = 0.1, one step.
        //  AdamW: w ← w − lr·λ·w = 0.99, then Adam on g = 0 moves nothing:           0.99
        //  Adam + L2: g = λ·w = 0.1, and Adam's first step is lr·sign(g) ≈ 0.1:       0.90
        // The adaptive scaling normalizes the L2 term away, so its pull does not depend on λ;
        // decoupled decay shrinks by exactly the factor (1 − lr·λ).
        double lr = 0.1;
        double lambda = 0.1;

        ParameterSet decoupled = TinyModel.parameters();
        TinyModel.setGradients(decoupled, new double[4]);
        new AdamW(lr).weightDecay(lambda).step(decoupled);

        ParameterSet coupled = TinyModel.parameters();
        TinyModel.setGradients(coupled, new double[4]);
        Regularization.l2(lambda).addGradient(coupled);
        new Adam(lr).step(coupled);

        double w0 = TinyModel.START[0];
        double adamW = decoupled.values().getDouble(0);
        double adamL2 = coupled.values().getDouble(0);
        assertEquals(w0 * (1 - lr * lambda), adamW, 1e-12);                 // 0.99
        double g = lambda * w0;                                               // 0.1
        double mHat = 0.1 * g / (1 - 0.9);
        double vHat = 0.001 * g * g / (1 - 0.999);
        assertEquals(w0 - lr * mHat / (Math.sqrt(vHat) + 1e-8), adamL2, 1e-12); // ≈ 0.90
        assertEquals(0.99, adamW, 1e-12);
        assertEquals(0.90, adamL2, 1e-6);
    }
}
