package io.github.nn4j.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.testing.SeededArrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The example in the class documentation of {@link StepTrace}, run as written; the test names the
 * lines it checks.
 */
class TraceDocExamplesTest {

    @Test
    void theTextShowsTheNotesFormulasWithEightDecimalsAndTheGradientIsACopy() {
        // StepTrace.java:32-35
        Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1), new Sigmoid())
                .init(Initializer.xavierUniform(), 1);
        INDArray x = SeededArrays.uniform(5, DataType.FLOAT, 4, 2);
        INDArray y = Nd4j.create(new float[][] {{0}, {1}, {1}, {0}});
        StepTrace trace = StepTrace.record(model, Loss.mse(), new Sgd(0.5), x, y);

        String text = trace.toText(8);
        assertTrue(text.contains("z1 = X·W1 + b1"), text);
        assertTrue(text.contains("L = mse(ŷ, y) = (1/(N·D)) Σ (ŷ − y)² = "
                + String.format(Locale.ROOT, "%.8f", trace.loss())), text);
        assertTrue(text.contains("dL/dW1 = Xᵀ·dL/dz1"), text);
        assertTrue(text.indexOf("z1 = X·W1") < text.indexOf("L = ") && text.indexOf("L = ") < text.indexOf("dL/dW1"),
                "forward, loss, then backward");

        INDArray gradient = trace.parameter("W1").gradient();
        INDArray modelGradient = model.parameterSet().get("dense0.W").gradient();
        assertEquals(modelGradient, gradient, "dL/dW1");
        assertNotSame(modelGradient, gradient);
        gradient.addi(1);
        assertNotEquals(modelGradient, gradient, "changing the copy leaves the model alone");
    }
}
