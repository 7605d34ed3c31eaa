package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.io.JsonReader;
import io.github.nn4j.io.JsonWriter;
import java.util.Arrays;

/**
 * {@code JsonReader.read} of any bytes: a value or a {@code JsonFormatException}, bounded in time
 * and memory (the reader's own limits, below the harness's). What it reads, {@code JsonWriter}
 * writes, and the text written reads back to the same text: nothing read is lost or changed on
 * the way out.
 */
class JsonFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void jsonRead(byte[] bytes) {
        FuzzHarness.check(bytes.length, 1, () -> read(bytes));
    }

    static Object read(byte[] bytes) throws Exception {
        Object value = JsonReader.read(bytes);
        byte[] written = JsonWriter.write(value);
        byte[] again = JsonWriter.write(JsonReader.read(written));
        if (!Arrays.equals(written, again)) {
            throw new AssertionError("written as " + new String(written, java.nio.charset.StandardCharsets.UTF_8)
                    + ", read back and written as " + new String(again, java.nio.charset.StandardCharsets.UTF_8));
        }
        return value;
    }
}
