package io.github.nn4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Mode;
import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NegativeLogLikelihoodTest {

    private static final INDArray LABELS = Nd4j.create(new double[] {2, 0, 1, 2});

    @Test
    void isMinusTheMeanLogProbabilityOfTheTargetClass() {
        INDArray y = Nd4j.create(new double[][] {{-1, -2, -0.5}, {-0.1, -3, -4}});
        Loss loss = Loss.negativeLogLikelihood();
        assertEquals((0.5 + 0.1) / 2, loss.value(y, Nd4j.create(new double[] {2, 0})), 1e-15);
        assertEquals((0.5 + 0.1) / 2, loss.value(y, Nd4j.create(new double[][] {{0, 0, 1}, {1, 0, 0}})), 1e-15);
        assertArrayEquals(new double[] {0, 0, -0.5, -0.5, 0, 0},
                loss.gradient(y, Nd4j.create(new double[] {2, 0})).dup().data().asDouble(), 0);
        assertEquals(OutputKind.CLASS_SCORES, loss.outputKind());
    }

    @Test
    void gradientMatchesCentralDifferences() {
        GradientCheckResult result = GradientCheck.loss(Loss.negativeLogLikelihood(),
                SeededArrays.gaussian(2, DataType.DOUBLE, 4, 3), LABELS);
        assertTrue(result.passed(1e-7), result.toString());
    }

    @Test
    void withLogSoftmaxItEqualsSoftmaxCrossEntropyOnTheLogits() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray z = SeededArrays.gaussian(3, type, 4, 3).muli(2);
            Sequential head = new Sequential(new LogSoftmax()).init(Initializer.zeros(), 0, type);
            Loss nll = Loss.negativeLogLikelihood();
            INDArray y = head.forward(z, Mode.TRAIN);
            double fused = Loss.softmaxCrossEntropy().value(z, LABELS);
            assertEquals(fused, nll.value(y, LABELS), type == DataType.DOUBLE ? 1e-14 : 1e-6);
            INDArray throughHead = head.backward(nll.gradient(y, LABELS), true);
            assertArrayEquals(JavaArrays.toDoubles(Loss.softmaxCrossEntropy().gradient(z, LABELS)),
                    JavaArrays.toDoubles(throughHead), type == DataType.DOUBLE ? 1e-15 : 1e-7);
        }
    }

    @Test
    void anInfiniteLogProbabilityOfAClassWithNoTargetMassAddsNothing() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray y = Nd4j.create(new double[][] {{Double.NEGATIVE_INFINITY, -0.25}}).castTo(type);
            assertEquals(0.25, Loss.negativeLogLikelihood().value(y, Nd4j.create(new double[] {1})), 1e-7);
        }
    }

    @Test
    void labelsOutOfRangeAreRefusedNamingTheLoss() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.negativeLogLikelihood().value(Nd4j.zeros(2, 3), Nd4j.create(new double[] {0, 3})));
        assertTrue(e.getMessage().startsWith("negative_log_likelihood"), e.getMessage());
    }
}
