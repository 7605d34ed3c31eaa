package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The layer statistics against values worked out independently (ND4J's norms, hand-counted units). */
class StatisticsTest {

    @Test
    void weightGradientAndUpdateNormsPerLayerAreThoseOfTheWeightMatrices() {
        Sequential model = new Sequential(new Dense(5, 4), new ReLU(), new Dense(4, 3)).init(Initializer.he(), 2);
        ParameterSet parameters = model.parameterSet();
        Random random = new Random(9);
        parameters.gradients().assign(Nd4j.createFromArray(randomFloats(random, (int) parameters.size())));
        WeightStatistics statistics = new WeightStatistics(model);
        assertEquals(List.of(0, 2), statistics.layers());
        statistics.rememberValues(parameters);
        INDArray before = parameters.values().dup();
        parameters.values().subi(parameters.gradients().mul(0.01));      // an SGD step, lr 0.01

        List<WeightStatistics.LayerNorms> norms = statistics.measure(parameters);
        for (int i = 0; i < 2; i++) {
            String name = model.layerName(i * 2) + ".W";
            INDArray w = parameters.get(name).value();
            INDArray g = parameters.get(name).gradient();
            WeightStatistics.LayerNorms layer = norms.get(i);
            assertEquals(i * 2, layer.layer());
            assertEquals(w.norm2Number().doubleValue(), layer.weightNorm(), 1e-5);
            assertEquals(g.norm2Number().doubleValue(), layer.gradientNorm(), 1e-5);
            assertEquals(0.01 * g.norm2Number().doubleValue() / w.norm2Number().doubleValue(), layer.updateRatio(), 1e-5);
        }
        assertTrue(before.length() > 0);
        // Measured again without a copy in between: no update to show.
        assertTrue(Double.isNaN(statistics.measure(parameters).get(0).updateRatio()));
    }

    @Test
    void aGradientBufferOfZerosIsNotShownAsAGradient() {
        Sequential model = new Sequential(new Dense(3, 2)).init(Initializer.he(), 1);
        model.parameterSet().gradients().assign(0);
        WeightStatistics.LayerNorms norms = new WeightStatistics(model).measure(model.parameterSet()).get(0);
        assertTrue(Double.isNaN(norms.gradientNorm()));
        assertTrue(norms.weightNorm() > 0);
    }

    @Test
    void reluOutputsGiveMeanSpreadAndTheShareOfUnitsDeadForTheWholeBatch() {
        Sequential model = new Sequential(new Dense(2, 4), new ReLU());
        // units 1 and 3 output 0 for every row: dead; unit 0 is 0 in one row only
        INDArray output = Nd4j.createFromArray(new float[][] {{0, 0, 2, 0}, {1, 0, 3, 0}, {2, 0, 1, 0}});
        ActivationStatistics.LayerActivations measured = new ActivationStatistics(model).measure(1, "relu", output);
        assertEquals(0.5, measured.dead());
        assertEquals(9.0 / 12, measured.mean(), 1e-12);
        double meanOfSquares = (1 + 4 + 4 + 9 + 1) / 12.0;
        assertEquals(Math.sqrt(meanOfSquares - (9.0 / 12) * (9.0 / 12)), measured.std(), 1e-9);
        assertTrue(Double.isNaN(measured.saturated()));
    }

    @Test
    void sigmoidAndTanhOutputsCountUnitsWhoseDerivativeIsBelowATenthOfItsLargest() {
        Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 2), new Tanh());
        ActivationStatistics statistics = new ActivationStatistics(model);
        // σ' = σ(1 − σ): 0.99 → 0.0099 and 0.02 → 0.0196 are saturated; 0.5 and 0.9 (0.09) are not
        INDArray sigmoid = Nd4j.createFromArray(new float[][] {{0.99f, 0.5f, 0.02f}, {0.9f, 0.5f, 0.5f}});
        assertEquals(2.0 / 6, statistics.measure(1, "sigmoid", sigmoid).saturated(), 1e-12);
        // tanh' = 1 − t²: ±0.96 → 0.078 saturated; 0.9 → 0.19 not
        INDArray tanh = Nd4j.createFromArray(new double[][] {{0.96, -0.96}, {0.9, 0.0}});
        assertEquals(0.5, statistics.measure(3, "tanh", tanh.castTo(DataType.DOUBLE)).saturated(), 1e-12);
        assertTrue(Double.isNaN(statistics.measure(1, "sigmoid", sigmoid).dead()));
    }

    @Test
    void theObserverMeasuresOnlyActivationLayers() {
        Sequential model = new Sequential(new Dense(2, 3), new ReLU(), new Dense(3, 2)).init(Initializer.he(), 3);
        ActivationStatistics statistics = new ActivationStatistics(model);
        model.forward(Nd4j.createFromArray(new float[][] {{1, 2}, {-1, 0.5f}}), io.github.nn4j.base.Mode.TRAIN,
                statistics);
        List<ActivationStatistics.LayerActivations> taken = statistics.take();
        assertEquals(1, taken.size());
        assertEquals(1, taken.get(0).layer());
        assertTrue(statistics.take().isEmpty());
    }

    private static float[] randomFloats(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
