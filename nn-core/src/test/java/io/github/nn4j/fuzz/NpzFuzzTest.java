package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.internal.io.Inflation;
import io.github.nn4j.io.Npz;
import java.io.IOException;

/**
 * {@code Npz.read} of any bytes: the arrays or a documented exception, bounded in time and
 * memory. Entries may be deflated, so an entry may hold up to {@code Inflation.MAX_RATIO} times
 * its bytes.
 */
class NpzFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void npzRead(byte[] bytes) {
        FuzzHarness.check(bytes.length, Inflation.MAX_RATIO, () -> read(bytes));
    }

    static Object read(byte[] bytes) throws IOException {
        return Npz.read(FuzzHarness.file("input.npz", bytes));
    }
}
