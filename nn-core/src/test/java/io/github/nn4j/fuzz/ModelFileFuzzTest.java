package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.internal.io.Inflation;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code ModelFile.readAll} and {@code ModelFile.read} of any bytes as a model file: a model or a
 * documented exception, bounded in time and memory. Seeds are saved models and checkpoints.
 */
class ModelFileFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void modelFileRead(byte[] bytes) {
        FuzzHarness.check(bytes.length, Inflation.MAX_RATIO, () -> read(bytes));
    }

    static Object read(byte[] bytes) throws IOException {
        Path file = FuzzHarness.file("input.nn4j", bytes);
        SavedModel saved = ModelFile.readAll(file);
        if (saved.model().parameterCount() != ModelFile.read(file).parameterCount()) {
            throw new AssertionError("read and readAll disagree");
        }
        return saved;
    }
}
