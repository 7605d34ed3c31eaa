package io.github.nn4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The committed seed corpora: every {@code seed-*} file reads without any exception, so the
 * fuzzers start from valid files of every format. {@code -Dnn4j.fuzz.writeSeeds=true} rewrites
 * them from {@link FuzzSeeds} (run it from nn-core, after a change of a file format).
 */
class FuzzSeedsTest {

    private static final Path SOURCE = Path.of("src/test/resources/io/github/nn4j/fuzz");

    /** Seed folder → how its target reads one input. */
    private static final Map<String, Reader> READERS = Map.of(
            "NpyFuzzTestInputs/npyRead", NpyFuzzTest::read,
            "NpzFuzzTestInputs/npzRead", NpzFuzzTest::read,
            "ModelFileFuzzTestInputs/modelFileRead", ModelFileFuzzTest::read,
            "ModelJsonFuzzTestInputs/modelJsonRead", json -> ModelJsonFuzzTest.read(FuzzArchives.checkpointWithJson(json)),
            "CheckpointFuzzTestInputs/checkpointResume",
            json -> CheckpointFuzzTest.resume(FuzzArchives.checkpointWithJson(json)),
            "JsonFuzzTestInputs/jsonRead", JsonFuzzTest::read,
            "IdxFuzzTestInputs/idxRead", IdxFuzzTest::read,
            "IdxGzipFuzzTestInputs/idxGzipRead", IdxGzipFuzzTest::read,
            "CsvFuzzTestInputs/csvRead", CsvFuzzTest::read);

    private interface Reader {
        Object read(byte[] bytes) throws Exception;
    }

    @Test
    @EnabledIfSystemProperty(named = "nn4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        for (Map.Entry<String, Map<String, byte[]>> target : FuzzSeeds.all().entrySet()) {
            Path folder = SOURCE.resolve(target.getKey());
            Files.createDirectories(folder);
            for (Map.Entry<String, byte[]> seed : target.getValue().entrySet()) {
                Files.write(folder.resolve(seed.getKey()), seed.getValue());
            }
        }
    }

    @Test
    void everyCommittedSeedIsReadWithoutAnyException() throws Exception {
        assertEquals(READERS.keySet(), FuzzSeeds.all().keySet());
        List<String> failures = new ArrayList<>();
        int seeds = 0;
        for (Map.Entry<String, Reader> target : READERS.entrySet()) {
            Path folder = resources().resolve(target.getKey());
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("seed-")).sorted().toList()) {
                    seeds++;
                    try {
                        target.getValue().read(Files.readAllBytes(file));
                    } catch (Exception e) {
                        failures.add(target.getKey() + "/" + file.getFileName() + ": " + e);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertFalse(seeds < READERS.size() * 1, "expected seeds for every target, found " + seeds);
    }

    private static Path resources() throws URISyntaxException {
        return Path.of(FuzzSeedsTest.class.getResource("NpyFuzzTestInputs").toURI()).getParent();
    }
}
