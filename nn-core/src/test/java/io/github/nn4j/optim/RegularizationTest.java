package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RegularizationTest {

    @Test
    void penaltyIsL1SumOfAbsPlusHalfL2SumOfSquaresOverWeightsOnly() {
        ParameterSet parameters = TinyModel.parameters();   // weights [1, −2], biases [0.5, 0.25]
        // 0.1·(1 + 2) + 0.2/2·(1 + 4) = 0.3 + 0.5
        assertEquals(0.8, new Regularization(0.1, 0.2).penalty(parameters), 1e-12);
        assertEquals(0.3, Regularization.l1(0.1).penalty(parameters), 1e-12);
        assertEquals(0.5, Regularization.l2(0.2).penalty(parameters), 1e-12);
    }

    @Test
    void biasesArePenalizedOnlyWhenIncluded() {
        ParameterSet parameters = TinyModel.parameters();
        // 0.1·(1 + 2 + 0.5 + 0.25) + 0.1·(1 + 4 + 0.25 + 0.0625) = 0.375 + 0.53125
        assertEquals(0.90625, new Regularization(0.1, 0.2).penalizeBiases(true).penalty(parameters), 1e-12);
    }

    @Test
    void gradientAddsL1SignPlusL2WeightToWeightsOnly() {
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[] {1, 1, 1, 1});
        new Regularization(0.1, 0.2).addGradient(parameters);
        // weights: 1 + 0.1·sign(w) + 0.2·w; biases unchanged
        assertArrayEquals(new double[] {1 + 0.1 + 0.2, 1 - 0.1 - 0.4, 1, 1},
                parameters.gradients().toDoubleVector(), 1e-12);
    }

    @Test
    void gradientIncludesBiasesWhenAsked() {
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[4]);
        new Regularization(0.1, 0.2).penalizeBiases(true).addGradient(parameters);
        assertArrayEquals(new double[] {0.3, -0.5, 0.1 + 0.1, 0.1 + 0.05},
                parameters.gradients().toDoubleVector(), 1e-12);
    }

    @Test
    void objectiveGradientPassesTheNumericalCheck() {
        checkObjective(new Regularization(0.03, 0.2));
        checkObjective(new Regularization(0.03, 0.2).penalizeBiases(true));
    }

    /** Central differences of cost + penalty against backward + addGradient, in double precision. */
    private static void checkObjective(Regularization regularization) {
        Sequential model = new Sequential(new Dense(3, 4), new Tanh(), new Dense(4, 2))
                .init(Initializer.xavierNormal(), 5, DataType.DOUBLE);
        ParameterSet parameters = model.parameterSet();
        parameters.list().get(1).value().assign(Nd4j.create(new double[][] {{0.1, -0.2, 0.3, 0.05}}));
        Loss loss = Loss.mse();
        INDArray x = Nd4j.create(new double[][] {{0.5, -1, 2}, {1.5, 0.2, -0.7}});
        INDArray y = Nd4j.create(new double[][] {{1, 0}, {0, 1}});

        INDArray output = model.forward(x, Mode.TRAIN);
        model.backward(loss.gradient(output, y));
        regularization.addGradient(parameters);
        double[] analytic = parameters.gradients().toDoubleVector();

        INDArray values = parameters.values();
        double h = GradientCheck.EPSILON;
        for (int i = 0; i < values.length(); i++) {
            double original = values.getDouble(i);
            values.putScalar(i, original + h);
            double plus = loss.value(model.forward(x, Mode.TRAIN), y) + regularization.penalty(parameters);
            values.putScalar(i, original - h);
            double minus = loss.value(model.forward(x, Mode.TRAIN), y) + regularization.penalty(parameters);
            values.putScalar(i, original);
            double numeric = (plus - minus) / (2 * h);
            double relative = Math.abs(analytic[i] - numeric)
                    / Math.max(Math.abs(analytic[i]) + Math.abs(numeric), 1e-8);
            assertTrue(relative < 1e-6 || Math.abs(analytic[i] - numeric) < GradientCheck.ABSOLUTE_FLOOR,
                    regularization + " entry " + i + ": analytic " + analytic[i] + ", numeric " + numeric);
        }
    }

    @Test
    void negativeStrengthsAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Regularization(-0.1, 0));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Regularization.l2(Double.NaN));
    }

    @Test
    void zeroStrengthsChangeNothing() {
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[] {1, 2, 3, 4});
        Regularization none = new Regularization(0, 0);
        none.addGradient(parameters);
        assertEquals(0, none.penalty(parameters));
        assertArrayEquals(new double[] {1, 2, 3, 4}, parameters.gradients().toDoubleVector());
    }
}
