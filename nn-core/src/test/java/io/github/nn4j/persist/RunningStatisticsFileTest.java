package io.github.nn4j.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Npz;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Model files keep the running statistics: listed under "state", stored as .npy entries after the parameters. */
class RunningStatisticsFileTest {

    @TempDir
    Path dir;

    private static Sequential trained(DataType type) {
        Sequential model = new Sequential(new Dense(3, 5), new BatchNorm(5, 1e-3, 0.3), new ReLU(), new Dense(5, 4),
                new LayerNorm(4), new LogSoftmax()).init(Initializer.he(), 11, type);
        for (int i = 0; i < 3; i++) {
            model.forward(SeededArrays.gaussian(i, type, 6, 3), Mode.TRAIN);
        }
        return model;
    }

    @Test
    void aModelWithNormalizationLayersComesBackBitwiseWithItsRunningStatistics() throws IOException {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Sequential model = trained(type);
            Path file = dir.resolve("norm-" + type + ".nn4j");
            ModelFile.write(file, model);
            Sequential back = ModelFile.read(file);
            assertEquals(model.toString(), back.toString());
            assertArrayEquals(model.parameterSet().values().toDoubleVector(), back.parameterSet().values().toDoubleVector(),
                    0);
            assertArrayEquals(model.parameterSet().states().toDoubleVector(), back.parameterSet().states().toDoubleVector(),
                    0);
            INDArray x = SeededArrays.gaussian(9, type, 4, 3);
            assertArrayEquals(model.predict(x).data().asDouble(), back.predict(x).data().asDouble(), 0);

            Map<String, INDArray> entries = Npz.read(file);   // as numpy.load sees the file
            assertArrayEquals(model.states().get(1).value().toDoubleVector(),
                    entries.get("batch_norm0.running_var").castTo(DataType.DOUBLE).toDoubleVector(), 0);
        }
    }

    @Test
    void theDescriptionListsTheStateOnlyForModelsThatHaveSome() throws IOException {
        Path withState = dir.resolve("with.nn4j");
        ModelFile.write(withState, trained(DataType.FLOAT));
        String json = new String(ModelDescription.of(trained(DataType.FLOAT), Map.of()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"state\" : [ {\n    \"name\" : \"batch_norm0.running_mean\",\n    \"shape\" : [ 1, 5 ]"),
                json);
        String plain = new String(ModelDescription.of(new Sequential(new Dense(2, 2), new LayerNorm(2)), Map.of()),
                StandardCharsets.UTF_8);
        assertFalse(plain.contains("\"state\""), plain);
    }

    @Test
    void aFileWhoseStateIsMissingOrMisnamedIsRefusedNamingIt() throws IOException {
        Sequential model = trained(DataType.FLOAT);
        Path good = dir.resolve("good.nn4j");
        ModelFile.write(good, model);
        String json = new String(ModelDescription.of(model, Map.of()), StandardCharsets.UTF_8);

        Path renamed = rewrite(good, json.replace("batch_norm0.running_var", "batch_norm0.running_variance"), null);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(renamed));
        assertTrue(e.getMessage().contains("lists state [batch_norm0.running_mean, batch_norm0.running_variance], "
                + "but its layers declare [batch_norm0.running_mean, batch_norm0.running_var]"), e.getMessage());

        Path missing = rewrite(good, json, "batch_norm0.running_mean.npy");
        e = assertThrows(ModelFormatException.class, () -> ModelFile.read(missing));
        assertTrue(e.getMessage().contains("entry batch_norm0.running_mean.npy is missing"), e.getMessage());
    }

    /** A copy of {@code file} with another model.json and one entry left out. */
    private Path rewrite(Path file, String json, String leaveOut) throws IOException {
        Path copy = Files.createTempFile(dir, "copy", ".nn4j");
        try (var zip = new java.util.zip.ZipFile(file.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().equals(leaveOut)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals(ModelFile.DESCRIPTION) ? json.getBytes(StandardCharsets.UTF_8)
                        : zip.getInputStream(entry).readAllBytes());
                out.closeEntry();
            }
        }
        return copy;
    }
}
