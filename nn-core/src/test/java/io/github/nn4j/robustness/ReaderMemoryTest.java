package io.github.nn4j.robustness;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.CsvReader;
import io.github.nn4j.data.DataFileException;
import io.github.nn4j.data.IdxReader;
import io.github.nn4j.io.Npy;
import io.github.nn4j.io.NpyFormatException;
import io.github.nn4j.io.Npz;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.ModelFormatException;
import io.github.nn4j.testing.MemoryProbe;
import io.github.nn4j.testing.NativeMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers that declare huge sizes cost no more than the input that carries them: each reader
 * throws its documented exception having allocated at most {@value #HEAP_FACTOR}× the input's
 * size plus {@value #HEAP_ALLOWANCE} bytes of heap (everything the thread allocated, garbage
 * included) and at most the input's size plus {@value #OFF_HEAP_ALLOWANCE} bytes off-heap (ND4J's
 * count, also capped by a budget of that size, so a reader that asks for more fails here).
 * Each case prints its figures.
 */
class ReaderMemoryTest {

    private static final long HEAP_FACTOR = 12;
    private static final long HEAP_ALLOWANCE = 4 << 20;
    private static final long OFF_HEAP_ALLOWANCE = 64 << 10;

    @TempDir
    Path dir;

    private void assertRejectedCheaply(String what, Path file, Class<? extends Exception> expected, String message,
            NativeMemory.Action read) throws IOException {
        long input = Files.size(file);
        MemoryProbe.Usage usage = MemoryProbe.measure(input + OFF_HEAP_ALLOWANCE, read);
        System.out.printf("%-48s input %,12d B  heap %,12d B (%5.2f×)  off-heap %,10d B  %s%n", what, input,
                usage.heapBytes(), usage.heapBytes() / (double) input, usage.offHeapBytes(),
                usage.thrown() == null ? "no exception" : usage.thrown().getClass().getSimpleName());
        assertNotNull(usage.thrown(), what + ": nothing thrown");
        assertTrue(expected.isInstance(usage.thrown()), what + ": " + usage.thrown());
        assertTrue(usage.thrown().getMessage().contains(message), what + ": " + usage.thrown().getMessage());
        assertTrue(usage.heapBytes() <= HEAP_FACTOR * input + HEAP_ALLOWANCE, what + ": " + usage.heapBytes()
                + " bytes of heap for " + input + " bytes");
        assertTrue(usage.offHeapBytes() <= input + OFF_HEAP_ALLOWANCE, what + ": " + usage.offHeapBytes()
                + " bytes off-heap for " + input + " bytes");
    }

    // IDX -------------------------------------------------------------------------------------

    /** An IDX header declaring unsigned-byte images of {@code shape}, followed by {@code dataBytes} zero bytes. */
    private static byte[] idx(int[] shape, int dataBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * shape.length + dataBytes);
        buffer.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) shape.length);
        for (int size : shape) {
            buffer.putInt(size);
        }
        return buffer.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void rawIdxDeclaringTwoGigabytesOfImagesInAFewBytes() throws IOException {
        Path file = Files.write(dir.resolve("images-idx3-ubyte"), idx(new int[] {1_000_000, 46, 46}, 1000));
        assertRejectedCheaply("IDX raw, declares 2.1 GB, holds 1 kB", file, DataFileException.class, "truncated",
                () -> IdxReader.read(file));
    }

    @Test
    void gzipIdxDeclaringFiftyMegabytesButHoldingHalfAMegabyte() throws IOException {
        byte[] bytes = idx(new int[] {63_000, 28, 28}, 500_000);
        byte[] noise = new byte[500_000];
        new Random(7).nextBytes(noise);   // incompressible, so the gzip file is as large as its content
        System.arraycopy(noise, 0, bytes, bytes.length - noise.length, noise.length);
        Path file = Files.write(dir.resolve("images-idx3-ubyte.gz"), gzip(bytes));
        assertRejectedCheaply("IDX gzip, declares 49 MB, inflates to 0.5 MB", file, DataFileException.class,
                "truncated", () -> IdxReader.read(file));
    }

    @Test
    void gzipIdxDeclaringFiftyMegabytesInFortyBytes() throws IOException {
        Path file = Files.write(dir.resolve("header-idx3-ubyte.gz"), gzip(idx(new int[] {63_000, 28, 28}, 0)));
        assertRejectedCheaply("IDX gzip, declares 49 MB in 40 bytes", file, DataFileException.class,
                "gzip bomb", () -> IdxReader.read(file));
    }

    @Test
    void gzipIdxThatInflatesAThousandfold() throws IOException {
        Path file = Files.write(dir.resolve("bomb-idx3-ubyte.gz"), gzip(idx(new int[] {60_000, 28, 28}, 47_040_000)));
        assertRejectedCheaply("IDX gzip bomb, 47 MB of zeros", file, DataFileException.class, "gzip bomb",
                () -> IdxReader.read(file));
    }

    // .npy and zip entries --------------------------------------------------------------------

    /** A float32 .npy header declaring {@code shape}, without data. */
    private static byte[] npyHeader(String shape) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = ((10 + dict.length() + 1 + 63) / 64) * 64;
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) (total - 10));
        buffer.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (buffer.position() < total - 1) {
            buffer.put((byte) ' ');
        }
        return buffer.put((byte) '\n').array();
    }

    /** {@code model} saved, with some entries replaced. */
    private Path modelWith(Map<String, byte[]> replaced, boolean deflate) throws IOException {
        Path good = dir.resolve("good.nn4j");
        ModelFile.write(good, new Sequential(new Dense(4, 3), new ReLU(), new Dense(3, 1)));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(good.toFile())) {
            for (ZipEntry entry : Npz.entries(zip)) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        entries.putAll(replaced);
        Path file = dir.resolve("bad.nn4j");
        try (OutputStream out = Files.newOutputStream(file)) {
            zip(entries, deflate, out);
        }
        return file;
    }

    private static void zip(Map<String, byte[]> entries, boolean deflate, OutputStream target) throws IOException {
        ZipOutputStream out = new ZipOutputStream(target);
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            ZipEntry zipEntry = new ZipEntry(entry.getKey());
            if (!deflate) {
                CRC32 crc = new CRC32();
                crc.update(entry.getValue());
                zipEntry.setMethod(ZipEntry.STORED);
                zipEntry.setSize(entry.getValue().length);
                zipEntry.setCrc(crc.getValue());
            }
            out.putNextEntry(zipEntry);
            out.write(entry.getValue());
            out.closeEntry();
        }
        out.finish();
    }

    @Test
    void npyEntryOfAModelDeclaringAGigabyte() throws IOException {
        Path file = modelWith(Map.of("dense0.W.npy", npyHeader("(100000, 3000)")), false);
        assertRejectedCheaply(".npy in a model zip, declares 1.2 GB", file, ModelFormatException.class,
                "dense0.W.npy", () -> ModelFile.read(file));
    }

    @Test
    void npyFileAndNpzEntryDeclaringAGigabyte() throws IOException {
        Path npy = Files.write(dir.resolve("big.npy"), npyHeader("(100000, 3000)"));
        assertRejectedCheaply(".npy file, declares 1.2 GB", npy, NpyFormatException.class, "truncated",
                () -> Npy.read(npy));
        Path npz = dir.resolve("big.npz");
        try (OutputStream out = Files.newOutputStream(npz)) {
            zip(Map.of("w.npy", npyHeader("(100000, 3000)")), false, out);
        }
        assertRejectedCheaply(".npz entry, declares 1.2 GB", npz, NpyFormatException.class, "truncated",
                () -> Npz.read(npz));
    }

    @Test
    void npzEntryThatInflatesAThousandfold() throws IOException {
        byte[] zeros = new byte[64 << 20];
        byte[] header = npyHeader("(16777216,)");
        byte[] npy = new byte[header.length + zeros.length];
        System.arraycopy(header, 0, npy, 0, header.length);
        Path npz = dir.resolve("bomb.npz");
        try (OutputStream out = Files.newOutputStream(npz)) {
            zip(Map.of("zeros.npy", npy), true, out);
        }
        assertRejectedCheaply(".npz entry, 64 MB of zeros deflated", npz, NpyFormatException.class, "zip bomb",
                () -> Npz.read(npz));
    }

    @Test
    void modelJsonThatInflatesAThousandfold() throws IOException {
        byte[] json = " ".repeat(60 << 20).getBytes(StandardCharsets.US_ASCII);
        Path file = modelWith(Map.of(ModelFile.DESCRIPTION, json), true);
        assertRejectedCheaply("model.json, 60 MB of spaces deflated", file, ModelFormatException.class, "zip bomb",
                () -> ModelFile.read(file));
    }

    @Test
    void modelJsonThatInflatesFarBeyondTheSizeItsArchiveRecords() throws IOException {
        byte[] json = " ".repeat(60 << 20).getBytes(StandardCharsets.US_ASCII);
        Path file = modelWith(Map.of(ModelFile.DESCRIPTION, json), true);
        byte[] bytes = Files.readAllBytes(file);
        recordSize(bytes, ModelFile.DESCRIPTION, 100);
        Files.write(file, bytes);
        assertRejectedCheaply("model.json, records 100 B, inflates to 60 MB", file, ModelFormatException.class,
                "does not hold the 100 bytes", () -> ModelFile.read(file));
    }

    /** Sets the uncompressed size that the central directory records for {@code name}. */
    private static void recordSize(byte[] zip, String name, int size) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = zip.length - 46; i >= 0; i--) {
            if (buffer.getInt(i) == 0x02014b50 && buffer.getShort(i + 28) == name.length()
                    && new String(zip, i + 46, name.length(), StandardCharsets.UTF_8).equals(name)) {
                buffer.putInt(i + 24, size);
                return;
            }
        }
        throw new AssertionError(name + " not in the central directory");
    }

    // CSV -------------------------------------------------------------------------------------

    @Test
    void csvWithOneLineOfEightMillionCells() throws IOException {
        Path file = dir.resolve("wide.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("a,b,label\n1,2,0\n".getBytes(StandardCharsets.US_ASCII));
            byte[] cells = "1,".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 8; i++) {
                out.write(cells);
            }
            out.write("1\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertRejectedCheaply("CSV, one line of 8 million cells (16 MB)", file, DataFileException.class,
                "8388609 cells, expected 3", () -> new CsvReader().read(file));
    }

    @Test
    void csvWithAHeaderOfEightMillionColumnsAndNoData() throws IOException {
        Path file = dir.resolve("header.csv");
        Files.write(file, ("x,".repeat(8 << 20) + "label\n").getBytes(StandardCharsets.US_ASCII));
        assertRejectedCheaply("CSV, a header of 8 million names (16 MB)", file, DataFileException.class,
                "no data rows", () -> new CsvReader().read(file));
    }

    @Test
    void csvWithOneCellOfSixteenMillionDigits() throws IOException {
        Path file = dir.resolve("long-cell.csv");
        Files.write(file, ("x,label\n1," + "9".repeat(16 << 20) + "x\n").getBytes(StandardCharsets.US_ASCII));
        assertRejectedCheaply("CSV, one cell of 16 million characters", file, DataFileException.class,
                "is not a number", () -> new CsvReader().read(file));
    }
}
