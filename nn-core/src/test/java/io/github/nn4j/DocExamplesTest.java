package io.github.nn4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.check.GradientCheck;
import io.github.nn4j.check.GradientCheckResult;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.JsonFields;
import io.github.nn4j.io.JsonFormatException;
import io.github.nn4j.io.JsonReader;
import io.github.nn4j.io.JsonWriter;
import io.github.nn4j.io.Npy;
import io.github.nn4j.io.Npz;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.ModelFormatException;
import io.github.nn4j.persist.NormalizerCodec;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.testing.SeededArrays;
import io.github.nn4j.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples in the class documentation of {@code io}, {@code persist}, {@code init} and
 * {@code check}, run as written: each numbered result, message and layout they show is asserted
 * here, so the documentation cannot drift from the code. The other packages' examples are run by a
 * test of their own package, named after it: {@code activations.ActivationsDocExamplesTest},
 * {@code data.DataDocExamplesTest}, {@code train.TrainDocExamplesTest} and so on.
 */
class DocExamplesTest {

    @TempDir
    Path dir;

    @Nested
    class JsonFieldsExample {
        @Test
        void readsTheDenseSettingsAndNamesWhatIsWrong() {
            JsonFields dense = new JsonFields("layer type 'dense'", Map.of("in", 784, "out", 2.5));
            assertEquals(784, dense.intValue("in"));
            assertEquals("layer type 'dense' needs an integer 'out', got 2.5",
                    assertThrows(IllegalArgumentException.class, () -> dense.intValue("out")).getMessage());
            assertEquals("layer type 'dense' needs a number 'p', got nothing (it has [in, out])",
                    assertThrows(IllegalArgumentException.class, () -> dense.number("p")).getMessage());
        }
    }

    @Nested
    class JsonReaderAndWriterExamples {
        @Test
        void readsTheDocumentedValuesAndNamesWhereAListGoesWrong() throws IOException {
            // JsonReader.java:19-20
            assertEquals(Map.of("shape", List.of(4, 3), "p", 0.5),
                    JsonReader.read("{\"shape\": [4, 3], \"p\": 0.5}".getBytes(StandardCharsets.UTF_8)));
            assertEquals("expected a value, found ']' at line 1, column 7", assertThrows(JsonFormatException.class,
                    () -> JsonReader.read("[1, 2,]".getBytes(StandardCharsets.UTF_8))).getMessage());
        }

        @Test
        void writesAShapeAsTheDocumentedLines() {
            // JsonWriter.java:17-19
            assertEquals("{\n  \"shape\" : [ 4, 3 ]\n}",
                    new String(JsonWriter.write(Map.of("shape", new long[] {4, 3})), StandardCharsets.UTF_8));
        }
    }

    @Nested
    class NpyExample {
        @Test
        void theHeaderOfA2By3Float32ArrayIsTheDocumentedDictionaryAndDataStartsAtAMultipleOf64() {
            byte[] bytes = Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 2, 3));
            assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8));
            int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;   // little-endian unsigned 16-bit
            String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
            assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.stripTrailing());
            assertTrue(header.endsWith("\n"), header);
            assertEquals(0, (10 + headerLength) % 64);
            assertEquals(10 + headerLength + 2 * 3 * 4, bytes.length);
        }

        @Test
        void aParameterWrittenAndReadBackIsTheSame() throws IOException {
            Sequential model = new Sequential(new Dense(3, 2)).init(Initializer.he(), 42);
            Path file = dir.resolve("w.npy");
            Npy.write(file, model.parameters().get(0).value());
            INDArray w = Npy.read(file);
            assertEquals(model.parameters().get(0).value(), w);
        }
    }

    @Nested
    class NpzExample {
        @Test
        void eachArrayIsAnEntryNamedAfterIt() throws IOException {
            INDArray x = SeededArrays.uniform(1, DataType.FLOAT, 2, 3);
            INDArray y = SeededArrays.uniform(2, DataType.DOUBLE, 2);
            Path file = dir.resolve("arrays.npz");
            Npz.write(file, Map.of("x", x, "y", y));
            try (ZipFile zip = new ZipFile(file.toFile())) {
                assertEquals(List.of("x.npy", "y.npy"), Npz.entries(zip).stream().map(ZipEntry::getName).sorted()
                        .toList());
            }
            Map<String, INDArray> again = Npz.read(file);
            assertEquals(x, again.get("x"));
            assertEquals(y, again.get("y"));
        }
    }

    @Nested
    class ModelFileExample {
        @Test
        void theFileHoldsTheDocumentedDescriptionAndEntries() throws IOException {
            Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 10))
                    .init(Initializer.he(), 42);
            Section optimizer = new Section("adam", Map.of("steps", 1L),
                    Map.of("m", Nd4j.zeros(DataType.FLOAT, model.parameterCount())));
            Path file = dir.resolve("model.nn4j");
            ModelFile.write(file, model, Map.of(ModelFile.OPTIMIZER, optimizer));
            try (ZipFile zip = new ZipFile(file.toFile())) {
                List<String> names = Npz.entries(zip).stream().map(ZipEntry::getName).toList();
                assertEquals(List.of("model.json", "dense0.W.npy", "dense0.b.npy", "dense1.W.npy", "dense1.b.npy",
                        "optimizer/m.npy"), names);
                assertEquals(ZipEntry.DEFLATED, zip.getEntry("model.json").getMethod());
                assertEquals(ZipEntry.STORED, zip.getEntry("dense0.W.npy").getMethod());
                assertEquals(ZipEntry.STORED, zip.getEntry("optimizer/m.npy").getMethod());
                Map<?, ?> json = (Map<?, ?>) JsonReader.read(zip.getInputStream(zip.getEntry("model.json"))
                        .readAllBytes());
                assertEquals("nn4j", json.get("format"));
                assertEquals(1, json.get("version"));
                assertEquals("float32", json.get("dataType"));
                assertEquals(Map.of("name", "dense0", "type", "dense", "settings", Map.of("in", 784, "out", 256)),
                        ((List<?>) json.get("layers")).get(0));
                assertEquals(Map.of("name", "dense0.W", "shape", List.of(784, 256)),
                        ((List<?>) json.get("parameters")).get(0));
                assertEquals(42, json.get("seed"));
                assertEquals(List.of("optimizer"), List.copyOf(((Map<?, ?>) json.get("sections")).keySet()));
            }
            Map<String, INDArray> arrays = Npz.read(file);   // what numpy.load sees
            assertEquals(DataType.FLOAT, arrays.get("dense0.W").dataType());
            assertArrayEquals(new long[] {784, 256}, arrays.get("dense0.W").shape());
            assertArrayEquals(new long[] {1, 256}, arrays.get("dense0.b").shape());
        }
    }

    @Nested
    class ModelFormatExceptionExample {
        @Test
        void aTransposedWeightEntryIsNamedWithBothShapes() throws IOException {
            Path good = dir.resolve("good.nn4j");
            ModelFile.write(good, new Sequential(new Dense(2, 3)));
            Path file = dir.resolve("model.nn4j");
            try (ZipFile in = new ZipFile(good.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                for (ZipEntry entry : Npz.entries(in)) {
                    byte[] bytes = entry.getName().equals("dense0.W.npy")
                            ? Npy.toBytes(Nd4j.zeros(DataType.FLOAT, 3, 2)) : in.getInputStream(entry).readAllBytes();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
            assertEquals(file + ": dense0.W.npy has shape [3, 2], but model.json says [2, 3]", e.getMessage());
            assertTrue(e.getMessage().endsWith("model.nn4j: dense0.W.npy has shape [3, 2], but model.json says [2, 3]"));
        }
    }

    @Nested
    class SavedModelExample {
        @Test
        void aReloadedModelScoresNormalizedFeaturesAsTheSavedOne() throws IOException {
            Sequential model = new Sequential(new Dense(4, 3), new Tanh(), new Dense(3, 2)).init(Initializer.he(), 5);
            INDArray features = SeededArrays.uniform(6, DataType.FLOAT, 8, 4).muli(10);
            Normalizer normalizer = Standardizer.fit(new DataSet(features, Nd4j.zeros(DataType.FLOAT, 8, 2)));
            Path file = dir.resolve("fashion.nn4j");
            ModelFile.write(file, model, normalizer);

            SavedModel saved = ModelFile.readAll(file);
            Normalizer scaler = saved.normalizer().orElseThrow();
            INDArray scores = saved.model().predict(scaler.transform(features));   // the last layer's output
            assertEquals(model.predict(normalizer.transform(features)), scores);
        }
    }

    @Nested
    class SectionExample {
        @Test
        void aCheckpointAfterTwoEpochsOf469StepsHoldsTheDocumentedSections() throws IOException {
            // Section.java:17-19: 2 epochs of 1,876 examples in batches of 4 are 938 Adam steps
            Random random = new Random(8);
            float[][] x = new float[1876][2];
            float[][] y = new float[1876][1];
            for (int i = 0; i < x.length; i++) {
                x[i][0] = (float) random.nextGaussian();
                x[i][1] = (float) random.nextGaussian();
                y[i][0] = x[i][0] - x[i][1];
            }
            DataSet train = new DataSet(Nd4j.create(x), Nd4j.create(y));
            Path file = dir.resolve("run.nn4j");
            Trainer.builder(new Sequential(new Dense(2, 1)).init(Initializer.xavierUniform(), 1))
                    .optimizer(new Adam(1e-3)).batchSize(4).epochs(2).seed(3).progressBar(false).logEpochs(false)
                    .checkpoint(file).build().fit(train);
            SavedModel saved = ModelFile.readAll(file);

            Section optimizer = saved.section(ModelFile.OPTIMIZER).orElseThrow();
            assertEquals("adam", optimizer.type());
            assertEquals(1e-3, optimizer.number("learningRate"));
            assertEquals(938, optimizer.integer("steps"));
            assertEquals(List.of("m", "v"), optimizer.arrays().keySet().stream().sorted().toList());
            Section training = saved.section(ModelFile.TRAINING).orElseThrow();
            assertEquals("progress", training.type());
            assertEquals(2, training.integer("epoch"));
            assertEquals(Map.of(), training.arrays());

            Section normalizer = NormalizerCodec.write(Standardizer.fit(train));
            assertEquals("standardize", normalizer.type());
            assertEquals(Map.of(), normalizer.settings());
            assertEquals(List.of("mean", "std"), normalizer.arrays().keySet().stream().sorted().toList());
        }
    }

    @Nested
    class InitializerExample {
        @Test
        void theNotesGaussianIsNormalWithStandardDeviation001() {
            double[] drawn = Initializer.gaussian(0.01).sample(1000, 100, 100_000, new Random(42));
            double sumOfSquares = 0;
            for (double value : drawn) {
                sumOfSquares += value * value;
            }
            assertEquals(0.01, Math.sqrt(sumOfSquares / drawn.length), 1e-4);
            assertArrayEquals(drawn, Initializer.gaussian().sample(1000, 100, 100_000, new Random(42)),
                    "gaussian() is gaussian(0.01)");
        }

        @Test
        void theSameSeedGivesBitwiseTheSameModel() {
            for (Initializer initializer : List.of(Initializer.he(), Initializer.xavierUniform(),
                    Initializer.gaussian(0.01))) {
                Sequential a = new Sequential(new Dense(5, 4)).init(initializer, 42);
                Sequential b = new Sequential(new Dense(5, 4)).init(initializer, 42);
                assertEquals(a.parameterSet().values(), b.parameterSet().values());
            }
        }
    }

    @Nested
    class GradientCheckExample {
        @Test
        void theTanhNetworkPassesAt1e6() {
            INDArray x = SeededArrays.gaussian(11, DataType.DOUBLE, 5, 3);
            INDArray y = SeededArrays.gaussian(12, DataType.DOUBLE, 5, 2);
            Sequential model = new Sequential(new Dense(3, 4), new Tanh(), new Dense(4, 2))
                    .init(Initializer.xavierNormal(), 1, DataType.DOUBLE);
            GradientCheckResult result = GradientCheck.model(model, Loss.mse(), x, y);
            assertTrue(result.passed(1e-6), result.toString());
            assertEquals(3 * 4 + 4 + 4 * 2 + 2 + 5 * 3, result.checked(), "every parameter and input entry");
        }
    }
}
