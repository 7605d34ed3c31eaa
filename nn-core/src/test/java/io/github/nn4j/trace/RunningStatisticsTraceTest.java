package io.github.nn4j.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A traced step of a model with BatchNorm shows γ, β and the running statistics with their formulas. */
class RunningStatisticsTraceTest {

    @Test
    void theRunningStatisticsAreRecordedBeforeAndAfterWithTheirUpdateRules() {
        Sequential model = new Sequential(new Dense(2, 2), new BatchNorm(2), new ReLU(), new Dense(2, 2),
                new LogSoftmax()).init(Initializer.xavierNormal(), 1, DataType.DOUBLE);
        INDArray x = Nd4j.create(new double[][] {{1, 2}, {3, -1}, {0, 0.5}});
        INDArray z1 = x.mmul(model.parameterSet().get("dense0.W").value())
                .addRowVector(model.parameterSet().get("dense0.b").value());
        StepTrace trace = StepTrace.record(model, Loss.negativeLogLikelihood(), new Sgd(0.1), x,
                Nd4j.create(new double[] {0, 1, 1}));

        assertEquals(List.of("batch_norm0.running_mean", "batch_norm0.running_var"),
                trace.states().stream().map(StateTrace::name).toList());
        StateTrace mean = trace.states().get(0);
        assertEquals("μ̄1", mean.symbol());
        assertEquals("0.9·μ̄1 + 0.1·μ_B", mean.updateFormula());
        assertArrayEquals(new double[] {0, 0}, mean.before().toDoubleVector(), 0);
        assertArrayEquals(z1.mean(0).muli(0.1).toDoubleVector(), mean.after().toDoubleVector(), 1e-15);
        assertEquals("0.9·σ̄²1 + 0.1·σ²_B·B/(B − 1)", trace.states().get(1).updateFormula());
        assertEquals("Σ_rows dL/dbatch_norm0", trace.parameter("β1").gradientFormula());

        String text = trace.toText(4);
        assertTrue(text.contains("batch_norm0 = γ1 ⊙ (z1 − μ_B)/√(σ²_B + ε) + β1"), text);
        assertTrue(text.contains("5. Running statistics (updated by the training forward pass, not by the optimizer)"),
                text);
        assertTrue(text.contains("μ̄1 ← 0.9·μ̄1 + 0.1·μ_B"), text);
        assertTrue(text.contains("L = nll(ŷ, y) = −(1/N) Σ y ⊙ ŷ"), text);
    }
}
