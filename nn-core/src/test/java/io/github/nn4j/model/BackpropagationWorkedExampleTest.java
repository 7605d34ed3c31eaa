package io.github.nn4j.model;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notes' worked example: a 2-3-1 network of sigmoid neurons, one input, one target, MSE.
 * Every quantity is written out below with scalar arithmetic, independently of the library.
 */
class BackpropagationWorkedExampleTest {

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void forwardLossGradientsAndOneSgdStepMatchTheHandCalculation() {
        double x1 = 0.05, x2 = 0.10, y = 0.01, lr = 0.5;
        double[][] w1 = {{0.15, 0.20, 0.25}, {0.30, 0.35, 0.40}};
        double[] b1 = {0.35, 0.35, 0.35};
        double[] w2 = {0.40, 0.45, 0.50};
        double b2 = 0.60;

        // Forward: z1_j = x1·w1[0][j] + x2·w1[1][j] + b1_j, h_j = σ(z1_j), z2 = Σ h_j·w2_j + b2, o = σ(z2).
        double[] h = new double[3];
        double z2 = b2;
        for (int j = 0; j < 3; j++) {
            h[j] = sigmoid(x1 * w1[0][j] + x2 * w1[1][j] + b1[j]);
            z2 += h[j] * w2[j];
        }
        double o = sigmoid(z2);
        double loss = (o - y) * (o - y);

        // Backward: dL/do = 2(o − y), dL/dz2 = dL/do·o(1 − o), then through W2 and the hidden sigmoids.
        double dz2 = 2 * (o - y) * o * (1 - o);
        double[] dw2 = new double[3];
        double[] dz1 = new double[3];
        for (int j = 0; j < 3; j++) {
            dw2[j] = h[j] * dz2;
            dz1[j] = dz2 * w2[j] * h[j] * (1 - h[j]);
        }
        double[][] dw1 = {{x1 * dz1[0], x1 * dz1[1], x1 * dz1[2]}, {x2 * dz1[0], x2 * dz1[1], x2 * dz1[2]}};

        Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1), new Sigmoid())
                .init(Initializer.zeros(), 0, DataType.DOUBLE);
        ParameterSet p = model.parameterSet();
        p.get("dense0.W").value().assign(Nd4j.create(w1));
        p.get("dense0.b").value().assign(Nd4j.create(new double[][] {b1}));
        p.get("dense1.W").value().assign(Nd4j.create(new double[][] {{w2[0]}, {w2[1]}, {w2[2]}}));
        p.get("dense1.b").value().assign(b2);

        INDArray input = Nd4j.create(new double[][] {{x1, x2}});
        INDArray target = Nd4j.create(new double[][] {{y}});
        Loss mse = Loss.mse();
        INDArray output = model.forward(input, Mode.TRAIN);
        assertEquals(o, output.getDouble(0), 1e-15);
        assertEquals(loss, mse.value(output, target), 1e-15);

        model.backward(mse.gradient(output, target));
        assertMatrix(dw1, p.get("dense0.W").gradient());
        assertMatrix(new double[][] {dz1}, p.get("dense0.b").gradient());
        assertMatrix(new double[][] {{dw2[0]}, {dw2[1]}, {dw2[2]}}, p.get("dense1.W").gradient());
        assertEquals(dz2, p.get("dense1.b").gradient().getDouble(0), 1e-15);

        new Sgd(lr).step(p);
        double[][] w1After = new double[2][3];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                w1After[i][j] = w1[i][j] - lr * dw1[i][j];
            }
        }
        assertMatrix(w1After, p.get("dense0.W").value());
        assertMatrix(new double[][] {{w2[0] - lr * dw2[0]}, {w2[1] - lr * dw2[1]}, {w2[2] - lr * dw2[2]}},
                p.get("dense1.W").value());
        assertEquals(b2 - lr * dz2, p.get("dense1.b").value().getDouble(0), 1e-15);
        assertEquals(b1[1] - lr * dz1[1], p.get("dense0.b").value().getDouble(1), 1e-15);
    }

    private static void assertMatrix(double[][] expected, INDArray actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), 1e-15, "entry [" + i + "][" + j + "]");
            }
        }
    }
}
