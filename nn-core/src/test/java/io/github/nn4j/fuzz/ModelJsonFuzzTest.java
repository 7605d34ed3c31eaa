package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import java.io.IOException;

/**
 * {@code ModelFile.readAll} of a checkpoint whose {@code model.json} is any bytes, in an intact
 * archive beside the checkpoint's arrays, then the saved normalizer and optimizer rebuilt: the
 * fuzzer reaches the description's checks, which random zip bytes rarely get past (the archive's
 * CRC-32 guards them).
 */
class ModelJsonFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void modelJsonRead(byte[] json) {
        byte[] archive = FuzzArchives.checkpointWithJson(json);
        FuzzHarness.check(archive.length, 1, () -> read(archive));
    }

    static Object read(byte[] archive) throws IOException {
        SavedModel saved = ModelFile.readAll(FuzzHarness.file("input.nn4j", archive));
        saved.normalizer();
        saved.optimizer();
        return saved;
    }
}
