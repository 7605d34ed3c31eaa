package io.github.nn4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ShapePreserving;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientCheckTest {

    /** Squares its input but claims the derivative is x instead of 2x. */
    private static final class WrongSquare implements ShapePreserving {
        private INDArray input;

        @Override
        public String typeName() {
            return "wrong";
        }

        @Override
        public INDArray forward(INDArray x, Mode mode) {
            input = x;
            return x.mul(x);
        }

        @Override
        public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
            return outputGradient.mul(input);
        }
    }

    @Test
    void catchesAWrongBackwardPass() {
        GradientCheckResult result = GradientCheck.layer(new WrongSquare(), SeededArrays.uniform(1, DataType.DOUBLE, 2, 3).addi(0.5), 1);
        assertFalse(result.passed(1e-3), result.toString());
        assertTrue(result.worstEntry().startsWith("input["), result.toString());
    }

    @Test
    void theLayerCheckIsReproducibleForTheSameSeed() {
        INDArray x = Nd4j.create(new double[][] {{0.6, 1.2, 0.9}, {1.4, 0.7, 1.1}});
        GradientCheckResult first = GradientCheck.layer(new WrongSquare(), x, 5);
        GradientCheckResult second = GradientCheck.layer(new WrongSquare(), x, 5);
        assertEquals(first, second);
        assertNotEquals(first, GradientCheck.layer(new WrongSquare(), x, 6), "another seed draws another R");
    }

    @Test
    void passesACorrectLayerAndReportsWhatItChecked() {
        GradientCheckResult result = GradientCheck.layer(new Dense(3, 2), SeededArrays.gaussian(2, DataType.DOUBLE, 4, 3), 1);
        assertTrue(result.passed(1e-7), result.toString());
        assertTrue(result.checked() == 3 * 2 + 2 + 4 * 3, result.toString());
    }

    @Test
    void refusesAFloatModel() {
        Sequential model = new Sequential(new Dense(2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.model(model, Loss.mse(), Nd4j.ones(1, 2), Nd4j.ones(1, 1)));
        assertTrue(e.getMessage().contains("DOUBLE"), e.getMessage());
    }
}
