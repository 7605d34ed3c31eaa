package io.github.nn4j.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Npy;
import io.github.nn4j.io.Npz;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.ActivationLayer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ELU;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Sign;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Softplus;
import io.github.nn4j.layers.Step;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {

    @TempDir
    Path dir;

    /** Every layer type, each between two dense layers. */
    private static final List<Supplier<Layer>> EVERY_LAYER = List.of(ReLU::new, () -> new LeakyReLU(0.07),
            () -> new ELU(0.5), Sigmoid::new, Tanh::new, Softplus::new, Step::new, Sign::new, Identity::new,
            Softmax::new, () -> new ActivationLayer(Activation.sigmoid()),
            () -> new ActivationLayer(Activation.leakyRelu(0.2)), () -> new ActivationLayer(Activation.elu(1.5)));

    private static Sequential model(Layer middle, DataType type) {
        return new Sequential(new Dense(4, 5), middle, new Dense(5, 3)).init(Initializer.gaussian(0.5), 7, type);
    }

    private Sequential roundTrip(Sequential model) throws IOException {
        Path file = dir.resolve("model.nn4j");
        ModelFile.write(file, model);
        return ModelFile.read(file);
    }

    @Test
    void everyLayerTypeRoundTripsWithBitwiseSamePredictionsInFloatAndDouble() throws IOException {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            INDArray input = SeededArrays.uniform(1, DataType.DOUBLE, 6, 4).subi(0.5).muli(4).castTo(type);
            for (Supplier<Layer> layer : EVERY_LAYER) {
                Sequential model = model(layer.get(), type);
                Sequential loaded = roundTrip(model);
                String what = model + " " + type;
                assertEquals(model.toString(), loaded.toString(), what);
                assertEquals(type, loaded.dataType(), what);
                assertEquals(names(model), names(loaded), what);
                assertEquals(model.parameterSet().values(), loaded.parameterSet().values(), what);
                assertArrayEquals(Npy.toBytes(model.predict(input)), Npy.toBytes(loaded.predict(input)), what);
                assertEquals(model.layers().get(1).config(), loaded.layers().get(1).config(), what);
            }
        }
    }

    @Test
    void aModelWithoutParametersRoundTrips() throws IOException {
        Sequential softmax = roundTrip(new Sequential(new Softmax()));
        assertEquals("Sequential(Softmax())", softmax.toString());
        assertEquals(0, softmax.parameterCount());
        INDArray z = SeededArrays.uniform(2, DataType.FLOAT, 2, 3);
        assertEquals(new Sequential(new Softmax()).predict(z), softmax.predict(z));
    }

    @Test
    void keepsTheSeedAndSavingTwiceGivesIdenticalBytes() throws IOException {
        Sequential model = model(new ReLU(), DataType.FLOAT).init(Initializer.he(), 1234);
        Path a = dir.resolve("a.nn4j");
        Path b = dir.resolve("b.nn4j");
        ModelFile.write(a, model);
        ModelFile.write(b, model);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(1234, ModelFile.read(a).seed());
    }

    @Test
    void theFileIsAnNpzOfTheParametersPlusModelJson() throws IOException {
        Sequential model = model(new Tanh(), DataType.FLOAT);
        Path file = dir.resolve("model.nn4j");
        ModelFile.write(file, model);
        Map<String, INDArray> arrays = Npz.read(file); // what numpy.load sees
        assertEquals(List.of("dense0.W", "dense0.b", "dense1.W", "dense1.b"), List.copyOf(arrays.keySet()));
        for (Parameter parameter : model.parameters()) {
            assertEquals(parameter.value(), arrays.get(parameter.name()));
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", "");
            assertTrue(json.startsWith("{\"format\":\"nn4j\",\"version\":1,\"dataType\":\"float32\",\"layers\":[{\"name\":"
                    + "\"dense0\",\"type\":\"dense\",\"settings\":{\"in\":4,\"out\":5}},"), json);
            assertTrue(json.contains("{\"name\":\"dense1.W\",\"shape\":[5,3]}"), json);
        }
    }

    @Test
    void aSectionBuiltFromMapOfWritesTheSameBytesAsOneBuiltFromSortedMaps() throws IOException {
        Sequential model = model(new ReLU(), DataType.FLOAT);
        INDArray m = Nd4j.linspace(DataType.FLOAT, 1, 4, 1);
        INDArray v = Nd4j.linspace(DataType.FLOAT, 5, 4, 1);
        INDArray w = Nd4j.linspace(DataType.FLOAT, 9, 4, 1);
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("zeta", 1);
        nested.put("alpha", List.of(Map.of("y", 2, "x", 3, "b", 4, "a", 5)));
        Section fromMapOf = new Section("adam", Map.of("steps", 938L, "learningRate", 1e-3, "beta1", 0.9,
                "beta2", 0.999, "epsilon", 1e-8, "nested", nested), Map.of("v", v, "m", m, "w", w));
        Map<String, Object> sortedSettings = new java.util.TreeMap<>(Map.of("steps", 938L, "learningRate", 1e-3,
                "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8,
                "nested", new java.util.TreeMap<>(Map.of("alpha", List.of(new java.util.TreeMap<>(
                        Map.of("a", 5, "b", 4, "x", 3, "y", 2))), "zeta", 1))));
        Section fromTreeMap = new Section("adam", sortedSettings, new java.util.TreeMap<>(Map.of("m", m, "v", v, "w", w)));
        Map<String, Section> reversed = new java.util.LinkedHashMap<>();
        reversed.put(ModelFile.TRAINING, new Section("progress", Map.of("epoch", 2), Map.of()));
        reversed.put(ModelFile.OPTIMIZER, fromMapOf);
        Path a = dir.resolve("a.nn4j");
        Path b = dir.resolve("b.nn4j");
        ModelFile.write(a, model, reversed);
        ModelFile.write(b, model, new java.util.TreeMap<>(Map.of(ModelFile.OPTIMIZER, fromTreeMap,
                ModelFile.TRAINING, new Section("progress", Map.of("epoch", 2), Map.of()))));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void sectionsRoundTripWithTheirArraysAndSettings() throws IOException {
        Sequential model = model(new ReLU(), DataType.FLOAT);
        INDArray m = SeededArrays.uniform(3, DataType.FLOAT, model.parameterCount());
        INDArray mean = SeededArrays.uniform(4, DataType.DOUBLE, 1, 4);
        Map<String, Section> sections = new java.util.LinkedHashMap<>();
        sections.put(ModelFile.OPTIMIZER, new Section("adam", Map.of("steps", 938L, "learningRate", 1e-3,
                "betas", List.of(0.9, 0.999)), Map.of("m", m)));
        sections.put(ModelFile.NORMALIZER, new Section("standardize", Map.of(), Map.of("mean", mean)));
        Path file = dir.resolve("resume.nn4j");
        ModelFile.write(file, model, sections);
        SavedModel saved = ModelFile.readAll(file);
        assertEquals(model.parameterSet().values(), saved.model().parameterSet().values());
        Section optimizer = saved.section(ModelFile.OPTIMIZER).orElseThrow();
        assertEquals("adam", optimizer.type());
        assertEquals(938, ((Number) optimizer.settings().get("steps")).longValue());
        assertEquals(1e-3, optimizer.settings().get("learningRate"));
        assertEquals(List.of(0.9, 0.999), optimizer.settings().get("betas"));
        assertEquals(m, optimizer.array("m"));
        assertEquals(mean, saved.section(ModelFile.NORMALIZER).orElseThrow().array("mean"));
        assertTrue(saved.section(ModelFile.TRAINING).isEmpty());
        assertTrue(Npz.read(file).containsKey("optimizer/m"));
    }

    @Test
    void aSaveThatFailsMidwayLeavesTheOldFileByteIdenticalAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.nn4j");
        ModelFile.write(file, model(new ReLU(), DataType.FLOAT));
        byte[] old = Files.readAllBytes(file);
        Sequential other = model(new Tanh(), DataType.FLOAT).init(Initializer.he(), 99);
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> ModelFile.write(file, other, Map.of(), entry -> {
                    if (entry.equals("dense1.W.npy")) { // after model.json, dense0.W and dense0.b
                        throw new UncheckedIOException(new IOException("disk full (simulated)"));
                    }
                }));
        assertEquals("disk full (simulated)", failure.getCause().getMessage());
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(List.of(file), listFolder());
    }

    @Test
    void aModelThatCannotBeSavedFaithfullyIsRefusedAndTheOldFileKept() throws IOException {
        Path file = dir.resolve("model.nn4j");
        ModelFile.write(file, model(new ReLU(), DataType.FLOAT));
        byte[] old = Files.readAllBytes(file);
        Activation custom = new Activation() {
            public String name() {
                return "cube";
            }

            public void forward(INDArray input, INDArray output) {
                output.assign(input.mul(input).muli(input));
            }

            public void backward(INDArray input, INDArray output, INDArray gradient, INDArray inputGradient) {
                inputGradient.assign(input.mul(input).muli(3).muli(gradient));
            }

            public double value(double x) {
                return x * x * x;
            }

            public double derivative(double x) {
                return 3 * x * x;
            }
        };
        Sequential model = model(new ActivationLayer(custom), DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.write(file, model));
        assertTrue(e.getMessage().contains("layer 1 Activation(cube)") && e.getMessage().contains("'cube'"),
                e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(file));
        assertEquals(List.of(file), listFolder());
    }

    private List<Path> listFolder() throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static List<String> names(Sequential model) {
        return model.parameters().stream().map(Parameter::name).toList();
    }
}
