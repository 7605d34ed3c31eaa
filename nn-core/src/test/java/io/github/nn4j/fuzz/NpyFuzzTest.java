package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.io.Npy;
import java.io.IOException;

/** {@code Npy.read} of any bytes: an array or a documented exception, bounded in time and memory. */
class NpyFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void npyRead(byte[] bytes) {
        FuzzHarness.check(bytes.length, 1, () -> read(bytes));
    }

    static Object read(byte[] bytes) throws IOException {
        return Npy.read(FuzzHarness.file("input.npy", bytes));
    }
}
