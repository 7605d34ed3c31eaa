package io.github.nn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nn4j.data.CsvReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code CsvReader.read} of any bytes, with the reader's options taken from the first byte:
 * bits 0–1 the delimiter ({@code , ; tab space}), bit 2 no header line, bits 3–4 the label
 * column (the last, the first, the second, or the one named {@code label}).
 */
class CsvFuzzTest {

    private static final char[] DELIMITERS = {',', ';', '\t', ' '};

    @FuzzTest(maxDuration = FuzzHarness.DURATION)
    void csvRead(byte[] bytes) {
        FuzzHarness.check(bytes.length, 1, () -> read(bytes));
    }

    static Object read(byte[] bytes) throws IOException {
        int options = bytes.length == 0 ? 0 : bytes[0];
        CsvReader reader = new CsvReader().delimiter(DELIMITERS[options & 3]).header((options & 4) == 0);
        switch ((options >> 3) & 3) {
            case 1 -> reader.labelColumn(0);
            case 2 -> reader.labelColumn(1);
            case 3 -> reader.labelColumn("label");
            default -> reader.labelColumn(-1);
        }
        byte[] text = bytes.length == 0 ? bytes : Arrays.copyOfRange(bytes, 1, bytes.length);
        return reader.read(FuzzHarness.file("input.csv", text));
    }
}
