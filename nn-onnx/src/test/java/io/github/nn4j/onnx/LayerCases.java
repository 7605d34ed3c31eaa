package io.github.nn4j.onnx;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.ActivationLayer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ELU;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Sign;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Softplus;
import io.github.nn4j.layers.Step;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One small model per nn4j layer type, and inputs that reach each layer's special values (0, −0). */
final class LayerCases {

    /** A layer type under test: a label for reports and a way to make fresh instances for a number of features. */
    record Case(String label, IntFunction<Layer> layer) {
        /** A case of a layer that takes any number of features. */
        Case(String label, Supplier<Layer> layer) {
            this(label, features -> layer.get());
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final int FEATURES = 6;

    private LayerCases() {
    }

    /** Every layer type nn4j has (Dense is in every model). */
    static List<Case> all() {
        return List.of(
                new Case("relu", ReLU::new),
                new Case("sigmoid", Sigmoid::new),
                new Case("tanh", Tanh::new),
                new Case("leaky_relu", () -> new LeakyReLU(0.01)),
                new Case("leaky_relu odd slope", () -> new LeakyReLU(0.0123456789012345)),
                new Case("elu", () -> new ELU(1.0)),
                new Case("elu alpha 0.3", () -> new ELU(0.3)),
                new Case("softplus", Softplus::new),
                new Case("step", Step::new),
                new Case("sign", Sign::new),
                new Case("identity", Identity::new),
                new Case("softmax", Softmax::new),
                new Case("dropout", () -> new Dropout(0.37)),
                new Case("activation(tanh)", () -> new ActivationLayer(Activation.tanh())),
                new Case("activation(elu(0.5))", () -> new ActivationLayer(Activation.elu(0.5))),
                new Case("log_softmax", LogSoftmax::new),
                new Case("batch_norm", (IntFunction<Layer>) BatchNorm::new),
                new Case("batch_norm eps 1e-3 momentum 0.3", n -> new BatchNorm(n, 1e-3, 0.3)),
                new Case("layer_norm", (IntFunction<Layer>) LayerNorm::new),
                new Case("layer_norm eps 1e-6", n -> new LayerNorm(n, 1e-6)));
    }

    /**
     * {@code layer → Dense(6, 5) → layer → Dense(5, 3)}, He-initialized from a seed, so the layer
     * sees both raw inputs (with exact zeros) and pre-activations.
     */
    static Sequential model(Case c, DataType type, long seed) {
        Sequential model = new Sequential(c.layer().apply(FEATURES), new Dense(FEATURES, 5), c.layer().apply(5),
                new Dense(5, 3));
        model.init(Initializer.he(), seed, type);
        // Non-zero biases, scales and running statistics, so that they matter in every comparison.
        model.parameters().stream().filter(p -> p.name().endsWith(".b") || p.name().endsWith(".beta"))
                .forEach(p -> p.value().assign(TestArrays.gaussian(seed + 1, 1, (int) p.value().columns(), 0.5, type)));
        model.parameters().stream().filter(p -> p.name().endsWith(".gamma")).forEach(p -> p.value()
                .assign(TestArrays.gaussian(seed + 2, 1, (int) p.value().columns(), 0.3, type).addi(1)));
        model.states().stream().filter(p -> p.name().endsWith(".running_mean")).forEach(p -> p.value()
                .assign(TestArrays.gaussian(seed + 3, 1, (int) p.value().columns(), 0.5, type)));
        model.states().stream().filter(p -> p.name().endsWith(".running_var")).forEach(p -> p.value()
                .assign(TestArrays.gaussian(seed + 4, 1, (int) p.value().columns(), 0.5, type).muli(
                        TestArrays.gaussian(seed + 4, 1, (int) p.value().columns(), 0.5, type)).addi(0.5)));
        return model;
    }

    /** Seeded inputs with exact 0 and −0 in the first rows, where step and sign jump. */
    static INDArray inputs(long seed, int rows, DataType type) {
        INDArray x = TestArrays.gaussian(seed, rows, FEATURES, 2.0, type);
        x.putScalar(new long[] {0, 0}, 0.0);
        x.putScalar(new long[] {0, 1}, -0.0);
        x.getRow(1).assign(0.0);
        return x;
    }
}
