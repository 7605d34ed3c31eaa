package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.SeededArrays;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.model.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationLayerTest {

    /** Inputs kept at least 0.1 away from 0, where ReLU, leaky ReLU and ELU have kinks. */
    private static INDArray awayFromKinks() {
        INDArray x = SeededArrays.uniform(36, DataType.DOUBLE, 3, 4).muli(2.0).addi(0.1);
        for (int i = 0; i < x.length(); i += 2) {
            x.putScalar(i, -x.getDouble(i));
        }
        return x;
    }

    @Test
    void everySmoothActivationLayerPassesTheGradientCheck() {
        List<Layer> layers = List.of(new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU(0.1), new ELU(1.0),
                new Softplus(), new Identity());
        for (Layer layer : layers) {
            GradientCheckResult result = GradientCheck.layer(layer, awayFromKinks(), 3);
            assertTrue(result.passed(1e-7), layer + ": " + result);
        }
    }

    @Test
    void stepAndSignHaveZeroGradientAndThresholdAtZero() {
        INDArray x = Nd4j.create(new double[][] {{-2, -0.5, 0, 0.5, 3}});
        Sequential step = new Sequential(new Step());
        Sequential sign = new Sequential(new Sign());
        assertArrayEquals(new double[] {0, 0, 1, 1, 1}, step.predict(x).toDoubleVector(), 0);
        assertArrayEquals(new double[] {-1, -1, 1, 1, 1}, sign.predict(x).toDoubleVector(), 0);
        step.forward(x.castTo(DataType.FLOAT), Mode.TRAIN);
        INDArray g = step.backward(Nd4j.ones(DataType.FLOAT, 1, 5), true);
        assertEquals(0.0, g.sumNumber().doubleValue(), 0);
        assertTrue(GradientCheck.layer(new Step(), Nd4j.create(new double[][] {{-2, 0.5, 3}}), 1).passed(1e-9));
    }

    @Test
    void arrayForwardMatchesTheScalarClosedForm() {
        double[] xs = {-3, -1, -0.25, 0.5, 2, 4};
        INDArray x = Nd4j.create(xs, new long[] {1, xs.length}, DataType.DOUBLE);
        List<ActivationLayer> layers = List.of(new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU(0.2),
                new ELU(0.5), new Softplus());
        for (ActivationLayer layer : layers) {
            double[] out = new Sequential(layer).init(Initializer.zeros(), 0, DataType.DOUBLE).predict(x).toDoubleVector();
            for (int i = 0; i < xs.length; i++) {
                double expected = switch (layer.typeName()) {
                    case "sigmoid" -> 1 / (1 + Math.exp(-xs[i]));
                    case "tanh" -> (Math.exp(xs[i]) - Math.exp(-xs[i])) / (Math.exp(xs[i]) + Math.exp(-xs[i]));
                    case "relu" -> xs[i] > 0 ? xs[i] : 0;
                    case "leaky_relu" -> xs[i] > 0 ? xs[i] : 0.2 * xs[i];
                    case "elu" -> xs[i] > 0 ? xs[i] : 0.5 * (Math.exp(xs[i]) - 1);
                    default -> Math.log(1 + Math.exp(xs[i]));
                };
                assertEquals(expected, out[i], 1e-12, layer + " at " + xs[i]);
            }
        }
    }

    @Test
    void sigmoidSaturatesWithoutOverflowForHugeInputs() {
        INDArray x = Nd4j.create(new float[][] {{-1000, -100, 100, 1000}});
        INDArray y = new Sequential(new Sigmoid()).predict(x);
        assertArrayEquals(new float[] {0, 0, 1, 1}, y.data().asFloat(), 1e-30f);
        Sequential model = new Sequential(new Sigmoid());
        model.forward(x, Mode.TRAIN);
        INDArray g = model.backward(Nd4j.ones(DataType.FLOAT, 1, 4), true);
        assertArrayEquals(new float[] {0, 0, 0, 0}, g.data().asFloat(), 1e-30f);
    }

    @Test
    void evalForwardAllocatesAFreshResultEachCall() {
        Sequential model = new Sequential(new ReLU());
        INDArray x = Nd4j.create(new float[][] {{-1, 2}});
        INDArray first = model.predict(x);
        INDArray second = model.predict(x);
        assertTrue(first != second);
        assertArrayEquals(new float[] {0, 2}, first.data().asFloat(), 0);
    }
}
