package io.github.nn4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Section;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.model.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model-file format is frozen: a small model with every kind of section is written to
 * exactly the bytes it was written to when this test was made (its SHA-256 below). A change of
 * the layout, the JSON or the {@code .npy} entries shows up here before it reaches a user's file.
 */
class ModelFileBytesTest {

    /** SHA-256 of the file below, as written by nn4j when the format was split into description and archive. */
    private static final String FROZEN_SHA256 = "0c26e8a4369d8afaf1b4d341e84e9a2531e2091573aebc3fb9b0dce228666198";

    @TempDir
    Path dir;

    @Test
    void aSmallModelWithSectionsIsWrittenToTheSameBytesAsBefore() throws IOException, NoSuchAlgorithmException {
        Sequential model = new Sequential(new Dense(3, 4), new LeakyReLU(0.1), new Dropout(0.25), new Dense(4, 2))
                .init(Initializer.gaussian(0.5), 7);
        Section optimizer = new Section("adam", Map.of("steps", 12L, "learningRate", 1e-3,
                "nested", Map.of("b", List.of(1, 2.5), "a", true)),
                Map.of("v", Nd4j.linspace(DataType.FLOAT, 5, model.parameterCount(), 1),
                        "m", Nd4j.linspace(DataType.FLOAT, 1, model.parameterCount(), 1)));
        Section normalizer = new Section("standardize", Map.of(),
                Map.of("mean", Nd4j.linspace(DataType.DOUBLE, 1, 3, 1).reshape(1, 3)));
        Section training = new Section("progress", Map.of("epoch", 2, "loss", "SoftmaxCrossEntropy"), Map.of());
        Path file = dir.resolve("frozen.nn4j");
        ModelFile.write(file, model, Map.of(ModelFile.TRAINING, training, ModelFile.OPTIMIZER, optimizer,
                ModelFile.NORMALIZER, normalizer));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        assertEquals(FROZEN_SHA256, HexFormat.of().formatHex(sha));
    }
}
