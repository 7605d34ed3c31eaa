package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.testing.SeededArrays;
import io.github.nn4j.train.TrainingStep;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state that is not trained (BatchNorm's running statistics) lives in a flat buffer of its own
 * beside the values and gradients: no optimizer, penalty, weight decay or clipping touches it, and
 * {@code snapshot()} copies it.
 */
class RunningStatisticsTest {

    private static Sequential model(DataType type) {
        return new Sequential(new Dense(3, 4), new BatchNorm(4), new ReLU(), new Dense(4, 2), new BatchNorm(2))
                .init(Initializer.he(), 3, type);
    }

    @Test
    void stateSitsInItsOwnFlatBufferWithoutGradients() {
        Sequential model = model(DataType.FLOAT);
        ParameterSet set = model.parameterSet();
        assertEquals(3 * 4 + 4 + 4 + 4 + 4 * 2 + 2 + 2 + 2, set.size());
        assertEquals(2 * (4 + 2), set.states().length());
        assertEquals(List.of("batch_norm0.running_mean", "batch_norm0.running_var", "batch_norm1.running_mean",
                "batch_norm1.running_var"), model.states().stream().map(p -> p.name()).toList());
        set.states().assign(Nd4j.linspace(DataType.FLOAT, 0, 12, 1));
        long offset = 0;
        for (var state : model.states()) {
            assertEquals(ParameterKind.STATE, state.kind());
            assertNull(state.gradient());
            assertEquals(offset, state.value().getFloat(0), 0, state.name() + " views its slice of the state buffer");
            offset += state.length();
        }
        assertEquals(model.states().get(3), set.get("batch_norm1.running_var"));
        float[] mask = set.weightMask().toFloatVector();
        assertEquals(3 * 4 + 4 * 2, (int) sum(mask), "only W entries are penalized or decayed; γ and β are not");
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    @Test
    void optimizerPenaltyDecayAndClippingNeverTouchTheRunningStatistics() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Sequential model = model(type);
            INDArray x = SeededArrays.gaussian(1, type, 6, 3);
            INDArray y = Nd4j.create(new double[] {0, 1, 1, 0, 1, 0});
            Adam adam = new Adam(0.1).weightDecay(0.5);
            TrainingStep step = new TrainingStep(model, Loss.softmaxCrossEntropy(), adam, null,
                    Regularization.l2(0.3), GradientClipping.byGlobalNorm(0.01));
            for (int s = 0; s < 3; s++) {
                Sequential before = model.snapshot();
                step.computeGradients(x, y, 6);
                step.applyUpdate(1);
                before.forward(x, Mode.TRAIN);   // the forward pass alone moves the statistics
                assertArrayEquals(before.parameterSet().states().toDoubleVector(),
                        model.parameterSet().states().toDoubleVector(), 0, type + " step " + s);
            }
            adam.state().forEach((name, buffer) -> assertEquals(model.parameterCount(), buffer.length(), name));
            assertNotEquals(0.0, model.states().get(0).value().amaxNumber().doubleValue());
        }
    }

    @Test
    void aSnapshotCopiesTheRunningStatisticsAndStaysApart() {
        Sequential model = model(DataType.DOUBLE);
        model.forward(SeededArrays.gaussian(2, DataType.DOUBLE, 5, 3), Mode.TRAIN);
        Sequential copy = model.snapshot();
        assertArrayEquals(model.parameterSet().states().toDoubleVector(), copy.parameterSet().states().toDoubleVector(),
                0);
        INDArray x = SeededArrays.gaussian(3, DataType.DOUBLE, 4, 3);
        assertArrayEquals(model.predict(x).data().asDouble(), copy.predict(x).data().asDouble(), 0);
        model.forward(x, Mode.TRAIN);
        assertNotEquals(model.states().get(0).value().getDouble(0), copy.states().get(0).value().getDouble(0));
    }

    @Test
    void theSummaryShowsTheStateInAColumnOfItsOwn() {
        Sequential model = new Sequential(new Dense(3, 4), new BatchNorm(4), new ReLU(), new Dense(4, 2));
        assertEquals("""
                Layer        Type          Output shape  Parameters  Not trained
                ================================================================
                dense0       Dense(3→4)    [-1, 4]               16            0
                batch_norm0  BatchNorm(4)  [-1, 4]                8            8
                relu0        ReLU()        [-1, 4]                0            0
                dense1       Dense(4→2)    [-1, 2]               10            0
                ================================================================
                Total parameters: 34 (float32, 136 bytes)
                Not trained (running statistics, saved with the model): 8 (float32, 32 bytes)
                """, model.summary());
    }
}
