package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.data.IdxReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * {@code IdxReader.read} of any bytes gzip-compressed, so the fuzzer works on the IDX content
 * behind a valid gzip stream, where the reader cannot know the size in advance.
 */
class IdxGzipFuzzTest {

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void idxGzipRead(byte[] bytes) {
        FuzzHarness.check(bytes.length, 1, () -> read(bytes));
    }

    static Object read(byte[] bytes) throws IOException {
        return IdxReader.read(FuzzHarness.file("input-idx.gz", gzip(bytes)));
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
