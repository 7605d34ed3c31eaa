package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.testing.TorchFixture;
import io.github.nn4j.train.TrainingStep;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BatchNorm, LayerNorm, LogSoftmax and the negative log-likelihood against PyTorch 1.13 in
 * float64: forward, input gradient, parameter gradients, running statistics after one pass and
 * after three SGD steps of a small MLP. The numbers come from
 * {@code src/test/resources/fixtures/normalization/make_normalization_fixture.py}. In DOUBLE the
 * two libraries agree to rounding (≤ 1e-12); in FLOAT nn4j's float32 arithmetic is within 2e-6 of
 * PyTorch's float64.
 */
class NormalizationTorchTest {

    private static final TorchFixture TORCH = TorchFixture.normalization();
    private static final java.util.Map<String, Double> LARGEST = new java.util.concurrent.ConcurrentSkipListMap<>();

    private static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 2e-6;
    }

    private static void assertClose(String name, DataType type, INDArray actual) {
        INDArray expected = TORCH.get(name, DataType.DOUBLE);
        INDArray got = actual.castTo(DataType.DOUBLE);
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(got.shape()), name);
        double difference = expected.sub(got).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        LARGEST.merge(type + " " + name.substring(0, name.indexOf('.')), difference / scale, Math::max);
        assertTrue(difference <= tolerance(type) * scale, name + " in " + type + ": largest difference " + difference);
    }

    /** A one-layer model around {@code layer}, its γ and β taken from the fixture under {@code prefix}. */
    private static Sequential oneLayer(Layer layer, String prefix, DataType type) {
        Sequential model = new Sequential(layer).init(Initializer.zeros(), 0, type);
        model.parameterSet().get(model.layerName(0) + ".gamma").value().assign(TORCH.get(prefix + ".gamma", type));
        model.parameterSet().get(model.layerName(0) + ".beta").value().assign(TORCH.get(prefix + ".beta", type));
        return model;
    }

    /** Forward in TRAIN and backward of L = Σ R ⊙ y: y, dx, dγ, dβ as PyTorch computes them. */
    private static Sequential checkLayer(Layer layer, String prefix, DataType type) {
        Sequential model = oneLayer(layer, prefix, type);
        INDArray y = model.forward(TORCH.get(prefix + ".x", type), Mode.TRAIN);
        assertClose(prefix + ".y", type, y);
        INDArray dx = model.backward(TORCH.get(prefix + ".r", type), true);
        assertClose(prefix + ".dx", type, dx);
        assertClose(prefix + ".dgamma", type, model.parameterSet().get(model.layerName(0) + ".gamma").gradient());
        assertClose(prefix + ".dbeta", type, model.parameterSet().get(model.layerName(0) + ".beta").gradient());
        return model;
    }

    @org.junit.jupiter.api.AfterAll
    static void printLargestDifferences() {
        System.out.println("Largest |nn4j − PyTorch float64| / max(1, |PyTorch|) per case:");
        LARGEST.forEach((label, value) -> System.out.printf("  %-16s %.2g%n", label, value));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void batchNormMatchesPyTorchInTrainingAndInferenceWithItsRunningStatistics(DataType type) {
        Sequential model = checkLayer(new BatchNorm(5), "bn", type);
        assertClose("bn.running_mean", type, model.states().get(0).value());
        assertClose("bn.running_var", type, model.states().get(1).value());
        assertClose("bn.y_eval", type, model.predict(TORCH.get("bn.x", type)));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void layerNormMatchesPyTorchAndIsTheSameInInference(DataType type) {
        Sequential model = checkLayer(new LayerNorm(5), "ln", type);
        assertClose("ln.y", type, model.predict(TORCH.get("ln.x", type)));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void logSoftmaxAndNegativeLogLikelihoodMatchPyTorch(DataType type) {
        Sequential model = new Sequential(new LogSoftmax()).init(Initializer.zeros(), 0, type);
        INDArray z = TORCH.get("lsm.z", type);
        assertClose("lsm.y", type, model.forward(z, Mode.TRAIN));
        assertClose("lsm.dx", type, model.backward(TORCH.get("lsm.r", type), true));

        Loss nll = Loss.negativeLogLikelihood();
        INDArray labels = TORCH.get("lsm.labels", type);
        INDArray y = model.forward(z, Mode.TRAIN);
        assertEquals(TORCH.get("lsm.nll", DataType.DOUBLE).getDouble(0), nll.value(y, labels), tolerance(type));
        assertClose("lsm.nll_dz", type, model.backward(nll.gradient(y, labels), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bnmlp", "lnmlp"})
    void threeSgdStepsOfAnMlpEndWithPyTorchsParametersRunningStatisticsAndOutputs(String prefix) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            IntFunction<Layer> norm = n -> prefix.equals("bnmlp") ? new BatchNorm(n) : new LayerNorm(n);
            Sequential model = new Sequential(new Dense(4, 5), norm.apply(5), new ReLU(), new Dense(5, 3))
                    .init(Initializer.zeros(), 0, type);
            String[] names = {"dense0.W", "dense0.b", model.layerName(1) + ".gamma", model.layerName(1) + ".beta",
                "dense1.W", "dense1.b"};
            String[] keys = {"W0", "b0", "gamma", "beta", "W1", "b1"};
            for (int i = 0; i < names.length; i++) {
                model.parameterSet().get(names[i]).value().assign(TORCH.get(prefix + ".start." + keys[i], type));
            }
            TrainingStep step = new TrainingStep(model, Loss.softmaxCrossEntropy(), new Sgd(0.1), null, null, null);
            for (int s = 0; s < 3; s++) {
                step.computeGradients(TORCH.get(prefix + ".x" + s, type), TORCH.get(prefix + ".labels" + s, type), 8);
                step.applyUpdate(1);
            }
            for (int i = 0; i < names.length; i++) {
                assertClose(prefix + ".end." + keys[i], type, model.parameterSet().get(names[i]).value());
            }
            if (prefix.equals("bnmlp")) {
                assertClose("bnmlp.running_mean", type, model.states().get(0).value());
                assertClose("bnmlp.running_var", type, model.states().get(1).value());
            }
            assertClose(prefix + ".test_output", type, model.predict(TORCH.get(prefix + ".test", type)));
        }
    }
}
