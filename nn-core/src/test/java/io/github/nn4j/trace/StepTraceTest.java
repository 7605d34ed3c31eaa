package io.github.nn4j.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.base.SeededArrays;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.LayerFormulas;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.ShapePreserving;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trace of the notes' 2-3-1 sigmoid example against the same hand calculation as
 * {@code BackpropagationWorkedExampleTest}: plain scalar arithmetic, independent of the library.
 */
class StepTraceTest {

    private static final double X1 = 0.05, X2 = 0.10, Y = 0.01, LR = 0.5;
    private static final double[][] W1 = {{0.15, 0.20, 0.25}, {0.30, 0.35, 0.40}};
    private static final double[] B1 = {0.35, 0.35, 0.35};
    private static final double[] W2 = {0.40, 0.45, 0.50};
    private static final double B2 = 0.60;

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static Sequential workedExampleModel() {
        Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1), new Sigmoid())
                .init(Initializer.zeros(), 0, DataType.DOUBLE);
        ParameterSet p = model.parameterSet();
        p.get("dense0.W").value().assign(Nd4j.create(W1));
        p.get("dense0.b").value().assign(Nd4j.create(new double[][] {B1}));
        p.get("dense1.W").value().assign(Nd4j.create(new double[][] {{W2[0]}, {W2[1]}, {W2[2]}}));
        p.get("dense1.b").value().assign(B2);
        return model;
    }

    private static StepTrace traceWorkedExample() {
        return StepTrace.record(workedExampleModel(), Loss.mse(), new Sgd(LR),
                Nd4j.create(new double[][] {{X1, X2}}), Nd4j.create(new double[][] {{Y}}));
    }

    @Test
    void everyTracedNumberEqualsTheHandCalculation() {
        // Forward by hand: z1_j = x1·W1[0][j] + x2·W1[1][j] + b1_j, h_j = σ(z1_j), z2 = Σ h_j·w2_j + b2, o = σ(z2).
        double[] z1 = new double[3];
        double[] h = new double[3];
        double z2 = B2;
        for (int j = 0; j < 3; j++) {
            z1[j] = X1 * W1[0][j] + X2 * W1[1][j] + B1[j];
            h[j] = sigmoid(z1[j]);
            z2 += h[j] * W2[j];
        }
        double o = sigmoid(z2);
        double loss = (o - Y) * (o - Y);
        // Backward by hand.
        double dO = 2 * (o - Y);
        double dz2 = dO * o * (1 - o);
        double[] dh = new double[3];
        double[] dz1 = new double[3];
        double[] dw2 = new double[3];
        for (int j = 0; j < 3; j++) {
            dw2[j] = h[j] * dz2;
            dh[j] = dz2 * W2[j];
            dz1[j] = dh[j] * h[j] * (1 - h[j]);
        }
        double[][] dw1 = new double[2][3];
        double[] dx = new double[2];
        for (int j = 0; j < 3; j++) {
            dw1[0][j] = X1 * dz1[j];
            dw1[1][j] = X2 * dz1[j];
            dx[0] += dz1[j] * W1[0][j];
            dx[1] += dz1[j] * W1[1][j];
        }

        StepTrace trace = traceWorkedExample();
        List<LayerTrace> layers = trace.layers();
        assertRow(new double[] {X1, X2}, layers.get(0).input());
        assertRow(z1, layers.get(0).output());
        assertRow(h, layers.get(1).output());
        assertRow(new double[] {z2}, layers.get(2).output());
        assertRow(new double[] {o}, layers.get(3).output());
        assertRow(new double[] {o}, trace.output());
        assertEquals(loss, trace.loss(), 1e-15);

        assertRow(new double[] {dO}, trace.lossGradient());
        assertRow(new double[] {dO}, layers.get(3).outputGradient());
        assertRow(new double[] {dz2}, layers.get(3).inputGradient());
        assertRow(new double[] {dz2}, layers.get(2).outputGradient());
        assertRow(dh, layers.get(2).inputGradient());
        assertRow(dz1, layers.get(1).inputGradient());
        assertRow(dx, layers.get(0).inputGradient());

        assertMatrix(dw1, trace.parameter("W1").gradient());
        assertRow(dz1, trace.parameter("b1").gradient());
        assertMatrix(new double[][] {{dw2[0]}, {dw2[1]}, {dw2[2]}}, trace.parameter("dense1.W").gradient());
        assertRow(new double[] {dz2}, trace.parameter("b2").gradient());

        for (ParameterTrace parameter : trace.parameters()) {
            INDArray expectedAfter = parameter.before().sub(parameter.gradient().mul(LR));
            assertMatrix(expectedAfter.toDoubleMatrix(), parameter.after());
            assertMatrix(parameter.gradient().mul(-LR).toDoubleMatrix(), parameter.difference());
        }
        assertMatrix(W1, trace.parameter("W1").before());
        assertEquals(W1[1][2] - LR * dw1[1][2], trace.parameter("W1").after().getDouble(1, 2), 1e-15);
        assertEquals(B2 - LR * dz2, trace.parameter("b2").after().getDouble(0), 1e-15);
    }

    @Test
    void theTextNamesEveryQuantityOfTheWorkedExample() {
        String text = traceWorkedExample().toText(8);
        for (String expected : List.of("z1 = X·W1 + b1", "h1 = σ(z1)", "z2 = h1·W2 + b2", "h2 = σ(z2)", "ŷ = h2",
                "L = mse(ŷ, y)", "dL/dŷ = dL/dh2", "dL/dz2 = dL/dh2 ⊙ σ'(z2)", "dL/dW2 = h1ᵀ·dL/dz2",
                "dL/db2 = Σ_rows dL/dz2", "dL/dh1 = dL/dz2·W2ᵀ", "dL/dW1 = Xᵀ·dL/dz1", "dL/dX = dL/dz1·W1ᵀ",
                "W1 (dense0.W)", "[2×3]", "[1×3]", "w ← w − lr·dL/dw", "ΔW1 = after − before",
                "[  0.15000000  0.20000000  0.25000000 ]", "ŷ = h2",
                "L = mse(ŷ, y) = (1/(N·D)) Σ (ŷ − y)² = 0.62925882")) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in\n" + text);
        }
        double z1 = X1 * W1[0][0] + X2 * W1[1][0] + B1[0];
        assertTrue(text.contains(String.format(Locale.ROOT, "%.8f", z1)), text);
    }

    @Test
    void aTracedStepLeavesTheModelExactlyAsAnOrdinaryTrainingStep() {
        Sequential traced = new Sequential(new Dense(3, 4), new ReLU(), new Dense(4, 2)).init(Initializer.he(), 5);
        Sequential plain = new Sequential(new Dense(3, 4), new ReLU(), new Dense(4, 2)).init(Initializer.he(), 5);
        INDArray x = SeededArrays.uniform(34, DataType.FLOAT, 5, 3).subi(0.5);
        INDArray y = SeededArrays.uniform(35, DataType.FLOAT, 5, 2);
        StepTrace trace = StepTrace.record(traced, Loss.mse(), new Sgd(0.1), x, y);
        Loss loss = Loss.mse();
        INDArray output = plain.forward(x, Mode.TRAIN);
        assertEquals(loss.value(output, y), trace.loss(), 1e-6);
        plain.backward(loss.gradient(output, y));
        new Sgd(0.1).step(plain.parameterSet());
        assertEquals(plain.parameterSet().values(), traced.parameterSet().values());
        assertTrue(trace.toText(4).contains("h1 = ReLU(z1)"));
        assertTrue(trace.toText(4).contains("z2 = h1·W2 + b2"));
    }

    /** A layer of this test's own, {@code y = 2x}, that writes its formulas for the trace. */
    private static final class Double2 implements ShapePreserving {

        @Override
        public String typeName() {
            return "double2";
        }

        @Override
        public INDArray forward(INDArray input, Mode mode) {
            return input.mul(2);
        }

        @Override
        public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
            return needInputGradient ? outputGradient.mul(2) : null;
        }

        @Override
        public LayerFormulas formulas() {
            return LayerFormulas.of("d{k}", "2·{in}", "2·{dout}");
        }
    }

    @Test
    void eachLayerAndTheOptimizerWriteTheirOwnFormulas() {
        Sequential model = new Sequential(new Dense(2, 2), new Double2(), new Dropout(0.5), new Dense(2, 1))
                .init(Initializer.he(), 2, DataType.DOUBLE);
        String text = StepTrace.record(model, Loss.mse(), new Sgd(0.1).momentum(0.5),
                SeededArrays.uniform(36, DataType.DOUBLE, 3, 2), SeededArrays.uniform(37, DataType.DOUBLE, 3, 1))
                .toText(4);
        for (String expected : List.of("d1 = 2·z1", "dropout0 = dropout(d1)", "z2 = dropout0·W2 + b2",
                "dL/dz1 = 2·dL/dd1", "dL/dd1 = dropout0.backward(dL/ddropout0)",
                "4. Update: Sgd(lr=0.1, momentum=0.5), b ← μ·b + dL/dw, w ← w − lr·b")) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in\n" + text);
        }
    }

    @Test
    void inputOfTheWrongWidthIsRejectedWithItsShape() {
        Sequential model = workedExampleModel();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> StepTrace.record(model,
                Loss.mse(), new Sgd(0.1), Nd4j.zeros(DataType.DOUBLE, 1, 3), Nd4j.zeros(DataType.DOUBLE, 1, 1)));
        assertTrue(error.getMessage().contains("[1, 3]"), error.getMessage());
    }

    private static void assertRow(double[] expected, INDArray actual) {
        assertMatrix(new double[][] {expected}, actual);
    }

    private static void assertMatrix(double[][] expected, INDArray actual) {
        INDArray matrix = actual.rank() == 2 ? actual : actual.reshape(1, actual.length());
        assertEquals(expected.length, matrix.rows(), "rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, matrix.columns(), "columns");
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], matrix.getDouble(i, j), 1e-15, "entry [" + i + "][" + j + "]");
            }
        }
    }
}
