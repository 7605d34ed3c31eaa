package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.data.IdxReader;
import io.github.nn4j.internal.io.Inflation;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code IdxReader.read} and {@code readMatrix} of any bytes, raw or (when they start with the
 * gzip magic) gzip: an array or a documented exception, bounded in time and memory.
 */
class IdxFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void idxRead(byte[] bytes) {
        FuzzHarness.check(bytes.length, Inflation.MAX_RATIO, () -> read(bytes));
    }

    static Object read(byte[] bytes) throws IOException {
        Path file = FuzzHarness.file("input-idx", bytes);
        IdxReader.readMatrix(file);
        return IdxReader.read(file);
    }
}
