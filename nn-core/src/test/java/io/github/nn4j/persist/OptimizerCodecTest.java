package io.github.nn4j.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adagrad;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.AdamW;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.RmsProp;
import io.github.nn4j.optim.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every optimizer's settings, step count and state survive a model file: the restored optimizer
 * has the same settings, steps and buffers, bit for bit, and takes bitwise the same next step.
 * An optimizer of one's own is saved once registered.
 */
class OptimizerCodecTest {

    @TempDir
    Path dir;

    /** Every optimizer type, with settings away from the defaults where there are any. */
    private static final List<Supplier<Optimizer>> EVERY_OPTIMIZER = List.of(
            () -> new Sgd(0.1),
            () -> new Sgd(0.05).momentum(0.8).weightDecay(0.01),
            () -> new Sgd(0.05).momentum(0.9).nesterov(true).weightDecay(0.02).decayBiases(true),
            () -> new Adam(3e-3).betas(0.85, 0.995).epsilon(1e-7).weightDecay(1e-3),
            () -> new AdamW(2e-3).betas(0.8, 0.99).epsilon(1e-6).weightDecay(0.05).decayBiases(true),
            () -> new Adagrad(0.07).epsilon(1e-9).weightDecay(0.01),
            () -> new RmsProp(4e-3).alpha(0.95).epsilon(1e-6).weightDecay(0.03));

    private static Sequential model(DataType type) {
        return new Sequential(new Dense(3, 4), new ReLU(), new Dense(4, 2)).init(Initializer.xavierUniform(), 5, type);
    }

    private static void randomGradients(ParameterSet parameters, Random random) {
        double[] gradients = new double[(int) parameters.size()];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = random.nextGaussian();
        }
        parameters.gradients().assign(Nd4j.create(gradients).castTo(parameters.values().dataType()));
    }

    private Optimizer roundTrip(Sequential model, Optimizer optimizer) throws IOException {
        Path file = dir.resolve("model.nn4j");
        ModelFile.write(file, model, Map.of(ModelFile.OPTIMIZER, OptimizerCodec.write(optimizer)));
        Section saved = ModelFile.readAll(file).section(ModelFile.OPTIMIZER).orElseThrow();
        return OptimizerCodec.read(saved);
    }

    private static void assertSameState(Optimizer expected, Optimizer actual) {
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.toString(), actual.toString());
        assertEquals(OptimizerCodec.write(expected).settings(), OptimizerCodec.write(actual).settings());
        assertEquals(expected.steps(), actual.steps());
        assertEquals(expected.learningRate(), actual.learningRate());
        assertEquals(expected.state().keySet(), actual.state().keySet());
        for (Map.Entry<String, INDArray> buffer : expected.state().entrySet()) {
            INDArray restored = actual.state().get(buffer.getKey());
            assertEquals(buffer.getValue().dataType(), restored.dataType(), buffer.getKey());
            assertArrayEquals(buffer.getValue().toDoubleVector(), restored.toDoubleVector(), 0.0, buffer.getKey());
        }
    }

    @Test
    void everyOptimizerRoundTripsSettingsStepsAndStateBitwiseAndTakesTheSameNextStep() throws IOException {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (Supplier<Optimizer> make : EVERY_OPTIMIZER) {
                Sequential model = model(type);
                Optimizer optimizer = make.get();
                Random random = new Random(11);
                for (int t = 0; t < 3; t++) {
                    randomGradients(model.parameterSet(), random);
                    optimizer.step(model.parameterSet());
                }
                Optimizer restored = roundTrip(model, optimizer);
                assertSameState(optimizer, restored);
                assertEquals(3, restored.steps());

                Sequential twin = model(type);
                twin.parameterSet().values().assign(model.parameterSet().values());
                randomGradients(model.parameterSet(), random);
                twin.parameterSet().gradients().assign(model.parameterSet().gradients());
                optimizer.step(model.parameterSet());
                restored.step(twin.parameterSet());
                assertArrayEquals(model.parameterSet().values().toDoubleVector(),
                        twin.parameterSet().values().toDoubleVector(), 0.0, optimizer + " in " + type);
            }
        }
    }

    @Test
    void anOptimizerSavedBeforeItsFirstStepHasNoBuffers() throws IOException {
        for (Supplier<Optimizer> make : EVERY_OPTIMIZER) {
            Optimizer optimizer = make.get();
            Optimizer restored = roundTrip(model(DataType.FLOAT), optimizer);
            assertSameState(optimizer, restored);
            assertTrue(restored.state().isEmpty());
            assertEquals(0, restored.steps());
        }
    }

    @Test
    void theSectionNamesTypeSettingsAndStepCount() {
        Adam adam = new Adam(1e-3);
        Sequential model = model(DataType.FLOAT);
        adam.step(model.parameterSet());
        Section section = OptimizerCodec.write(adam);
        assertEquals("adam", section.type());
        assertEquals(List.of("learningRate", "beta1", "beta2", "epsilon", "weightDecay", "decayBiases", "steps"),
                List.copyOf(section.settings().keySet()));
        assertEquals(1L, section.integer("steps"));
        assertEquals(List.of("m", "v"), List.copyOf(section.arrays().keySet()));
        assertTrue(section.array("m") != adam.state().get("m"), "the section holds copies");
    }

    @Test
    void badSectionsAreRejectedWithTheProblem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> OptimizerCodec.read(new Section("lion", Map.of(), Map.of())));
        assertTrue(unknown.getMessage().contains("unknown optimizer type 'lion'"), unknown.getMessage());

        Section noBetas = new Section("adam", Map.of("learningRate", 1e-3, "steps", 0), Map.of());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OptimizerCodec.read(noBetas));
        assertTrue(missing.getMessage().contains("'beta1'"), missing.getMessage());

        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> OptimizerCodec.read(OptimizerCodec.write(new Adam()), Sgd.class));
        assertTrue(wrongType.getMessage().contains("expected a 'sgd' section, got 'adam'"), wrongType.getMessage());
    }

    @Test
    void anOptimizerWrittenElsewhereSaysHowToMakeItSaveable() {
        Optimizer custom = new Optimizer() {
            public void step(ParameterSet parameters) {
            }

            public double learningRate() {
                return 0.1;
            }

            public void setLearningRate(double learningRate) {
            }

            public Map<String, INDArray> state() {
                return Map.of();
            }

            public long steps() {
                return 0;
            }

            public void loadState(Map<String, INDArray> state, long steps) {
            }
        };
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> OptimizerCodec.write(custom));
        assertTrue(error.getMessage().contains("register it with OptimizerCodec.register"), error.getMessage());
    }

    /**
     * An optimizer written outside nn4j: {@code w ← w − lr·g}, keeping the last gradient as state
     * {@code "last"} and the number of steps, with {@code lr} shrunk by {@code decay} each step.
     */
    static final class Remembering implements Optimizer {
        private double learningRate;
        private final double decay;
        private INDArray last;
        private long steps;

        Remembering(double learningRate, double decay) {
            this.learningRate = learningRate;
            this.decay = decay;
        }

        public void step(ParameterSet parameters) {
            parameters.values().subi(parameters.gradients().mul(learningRate));
            last = parameters.gradients().dup();
            learningRate *= decay;
            steps++;
        }

        public double learningRate() {
            return learningRate;
        }

        public void setLearningRate(double learningRate) {
            this.learningRate = learningRate;
        }

        double decay() {
            return decay;
        }

        public Map<String, INDArray> state() {
            return last == null ? Map.of() : Map.of("last", last);
        }

        public long steps() {
            return steps;
        }

        public void loadState(Map<String, INDArray> state, long steps) {
            last = state.isEmpty() ? null : state.get("last").dup();
            this.steps = steps;
        }
    }

    static {
        OptimizerCodec.register("remembering", Remembering.class,
                optimizer -> Map.of("learningRate", optimizer.learningRate(), "decay", optimizer.decay()),
                section -> new Remembering(section.number("learningRate"), section.number("decay")));
    }

    @Test
    void aRegisteredOptimizerOfOnesOwnRoundTripsWithItsSettingsStepsAndState() throws IOException {
        Sequential model = model(DataType.FLOAT);
        Remembering optimizer = new Remembering(0.5, 0.9);
        Random random = new Random(4);
        for (int t = 0; t < 2; t++) {
            randomGradients(model.parameterSet(), random);
            optimizer.step(model.parameterSet());
        }
        Section section = OptimizerCodec.write(optimizer);
        assertEquals("remembering", section.type());
        assertEquals(Map.of("learningRate", 0.5 * 0.9 * 0.9, "decay", 0.9, "steps", 2L), section.settings());

        Remembering restored = (Remembering) roundTrip(model, optimizer);
        assertEquals(0.5 * 0.9 * 0.9, restored.learningRate());
        assertEquals(0.9, restored.decay());
        assertEquals(2, restored.steps());
        assertArrayEquals(optimizer.state().get("last").toFloatVector(), restored.state().get("last").toFloatVector());
        assertEquals(2, OptimizerCodec.read(section, Remembering.class).steps());
    }

    @Test
    void aTypeNameOrClassIsRegisteredOnlyOnceSoNoBuiltInCanBeReplaced() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> OptimizerCodec.register(
                "adam", Remembering.class, optimizer -> Map.of(), section -> new Remembering(1, 1)));
        assertTrue(type.getMessage().contains("'adam'") && type.getMessage().contains("already registered"),
                type.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> OptimizerCodec.register(
                "plain-sgd", Sgd.class, optimizer -> Map.of(), section -> new Sgd(0.1)));
        assertTrue(kind.getMessage().contains("io.github.nn4j.optim.Sgd") && kind.getMessage().contains("already"),
                kind.getMessage());
        assertEquals(AdamW.class, OptimizerCodec.read(OptimizerCodec.write(new AdamW())).getClass(),
                "AdamW, a subclass of Adam, is saved as itself");
    }
}
