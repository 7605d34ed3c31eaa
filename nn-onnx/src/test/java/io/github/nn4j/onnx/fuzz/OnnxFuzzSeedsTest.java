package io.github.nn4j.onnx.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.onnx.ImportedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The committed seeds of {@link OnnxImportFuzzTest} are exactly what {@link OnnxFuzzSeeds} writes
 * today, and each imports as a model. After a change of the exporter, rewrite them with
 * {@code mvn -o test -pl nn-onnx -am -Dtest=OnnxFuzzSeedsTest -Dnn4j.fuzz.writeSeeds=true
 * -Dnn4j.fuzz.skip=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OnnxFuzzSeedsTest {

    private static final String FOLDER = "OnnxImportFuzzTestInputs/onnxRead";

    @Test
    @EnabledIfSystemProperty(named = "nn4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        Path folder = Path.of("src/test/resources/io/github/nn4j/onnx/fuzz").resolve(FOLDER);
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> seed : OnnxFuzzSeeds.all().entrySet()) {
            Files.write(folder.resolve(seed.getKey()), seed.getValue());
        }
    }

    @Test
    void committedSeedsAreTheExportersOutputAndImport() throws Exception {
        Path folder = Path.of(OnnxFuzzSeedsTest.class.getResource(FOLDER).toURI());
        Map<String, byte[]> expected = OnnxFuzzSeeds.all();
        assertEquals(expected.keySet().stream().sorted().toList(), seedNames(folder));
        for (Map.Entry<String, byte[]> seed : expected.entrySet()) {
            byte[] committed = Files.readAllBytes(folder.resolve(seed.getKey()));
            assertArrayEquals(seed.getValue(), committed, seed.getKey() + " differs from the exporter's output");
            Object model = OnnxImportFuzzTest.read(committed);
            assertEquals(ImportedModel.class, model.getClass(), seed.getKey());
        }
    }

    private static List<String> seedNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("seed-")).sorted().toList();
        }
    }
}
