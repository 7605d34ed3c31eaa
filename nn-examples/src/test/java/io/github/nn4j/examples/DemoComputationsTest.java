package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.examples.plot.Grid;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Perceptron;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.trace.StepTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers behind each demo's pictures, checked without drawing them. */
class DemoComputationsTest {

    @Test
    void saturatedRangesMatchTheClosedForms() {
        // σ'(x) = 0.05 where σ = (1 + √0.8)/2, i.e. |x| = ln(σ/(1 − σ)) ≈ 2.887; tanh' = 0.05 at |x| = atanh(√0.95).
        double sigmoidEdge = Math.log((1 + Math.sqrt(0.8)) / (1 - Math.sqrt(0.8)));
        double tanhEdge = 0.5 * Math.log((1 + Math.sqrt(0.95)) / (1 - Math.sqrt(0.95)));
        List<double[]> sigmoid = ActivationPlotsDemo.saturatedRanges(Activation.sigmoid(), -6, 6, 1201, 0.05);
        assertEquals(2, sigmoid.size());
        assertEquals(-sigmoidEdge, sigmoid.get(0)[1], 0.011);
        assertEquals(sigmoidEdge, sigmoid.get(1)[0], 0.011);
        List<double[]> tanh = ActivationPlotsDemo.saturatedRanges(Activation.tanh(), -6, 6, 1201, 0.05);
        assertEquals(tanhEdge, tanh.get(1)[0], 0.011);
        List<double[]> relu = ActivationPlotsDemo.saturatedRanges(Activation.relu(), -6, 6, 1201, 0.05);
        assertEquals(1, relu.size());
        assertEquals(0.0, relu.get(0)[1], 1e-9);
        assertTrue(ActivationPlotsDemo.saturatedRanges(Activation.leakyRelu(0.1), -6, 6, 1201, 0.05).isEmpty());
    }

    @Test
    void xorBoundaryGridHoldsProbabilitiesAndSeparatesTheFourPoints() {
        Sequential mlp = XorNetwork.train(42, false);
        int steps = 21; // corners 0 and 1 fall on grid points 5 and 15 of [-0.5, 1.5]
        double[][] grid = XorBoundaryDemo.probabilityGrid(mlp, new Grid(-0.5, 1.5, steps));
        assertEquals(steps, grid.length);
        for (double[] row : grid) {
            for (double p : row) {
                assertTrue(p >= 0 && p <= 1, "P(y=1) = " + p);
            }
        }
        assertTrue(grid[5][5] < 0.5 && grid[15][15] < 0.5, "(0,0) and (1,1) are class 0");
        assertTrue(grid[5][15] > 0.5 && grid[15][5] > 0.5, "(0,1) and (1,0) are class 1");
    }

    @Test
    void thePerceptronsBestLineNeverGetsAllFourXorPoints() {
        double[] best = XorBoundaryDemo.bestPerceptronLine(new Perceptron(2), 200);
        assertTrue(best[3] < 1.0, "accuracy " + best[3]);
    }

    @Test
    void sigmoidGradientsVanishTowardTheInputWhileReluHeGradientsDoNot() {
        VanishingGradientsDemo.Result sigmoid = VanishingGradientsDemo.measure("sigmoid", Sigmoid::new,
                Initializer.xavierNormal(), 20);
        VanishingGradientsDemo.Result relu = VanishingGradientsDemo.measure("relu", ReLU::new, Initializer.he(), 20);
        assertEquals(VanishingGradientsDemo.DEPTH, sigmoid.initial().length);
        // Orders of magnitude smaller at the first layer than at the last for sigmoid ...
        assertTrue(VanishingGradientsDemo.ratio(sigmoid.initial()) < 1e-3, "sigmoid " + sigmoid);
        assertTrue(VanishingGradientsDemo.ratio(sigmoid.trained()) < 1e-3, "sigmoid " + sigmoid);
        // ... within one order of magnitude for ReLU with He initialization.
        assertTrue(VanishingGradientsDemo.ratio(relu.initial()) > 0.05, "relu " + relu);
        assertTrue(VanishingGradientsDemo.ratio(relu.trained()) > 0.05, "relu " + relu);
        assertTrue(VanishingGradientsDemo.ratio(relu.initial()) > 1000 * VanishingGradientsDemo.ratio(sigmoid.initial()));
    }

    @Test
    void theWorkedExampleConvergesToItsTarget() {
        Sequential model = WorkedExampleDemo.model();
        Loss loss = Loss.mse();
        Sgd sgd = new Sgd(WorkedExampleDemo.LEARNING_RATE);
        StepTrace trace = StepTrace.record(model, loss, sgd, WorkedExampleDemo.input(), WorkedExampleDemo.target());
        assertEquals(0.80325835, trace.output().getDouble(0), 1e-8); // σ(z2) of the hand calculation
        WorkedExampleDemo.train(model, loss, sgd, WorkedExampleDemo.input(), WorkedExampleDemo.target(), 5000, 0, false);
        double output = model.predict(WorkedExampleDemo.input()).getDouble(0);
        assertTrue(Math.abs(output - 0.01) < 0.005, "output " + output);
    }
}
