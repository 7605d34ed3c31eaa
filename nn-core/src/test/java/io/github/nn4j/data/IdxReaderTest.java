package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** Three 2×2 unsigned-byte images: magic 0x00000803, sizes 3, 2, 2, then 12 pixels. */
    private static byte[] images() {
        ByteBuffer buffer = ByteBuffer.allocate(16 + 12);
        buffer.putInt(0x00000803).putInt(3).putInt(2).putInt(2);
        for (int i = 0; i < 12; i++) {
            buffer.put((byte) (i * 20 + 15));   // 15 … 235, above 127 to check unsigned reading
        }
        return buffer.array();
    }

    private static byte[] labels(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + count);
        buffer.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) (i % 10));
        }
        return buffer.array();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path writeGzip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return write(name, bytes.toByteArray());
    }

    @Test
    void readsRawAndGzipImagesAsFloatRows() throws IOException {
        for (Path file : new Path[] {write("images-idx3-ubyte", images()), writeGzip("images.gz", images())}) {
            INDArray cube = IdxReader.read(file);
            assertArrayEquals(new long[] {3, 2, 2}, cube.shape());
            INDArray rows = IdxReader.readMatrix(file);
            assertArrayEquals(new long[] {3, 4}, rows.shape());
            assertEquals(15, rows.getDouble(0, 0), 0.0);
            assertEquals(235, rows.getDouble(2, 3), 0.0);
        }
    }

    @Test
    void readsImagesWithLabelsAsADataSet() throws IOException {
        DataSet data = IdxReader.readDataSet(write("i", images()), writeGzip("l.gz", labels(3)));
        assertEquals(3, data.size());
        assertEquals(4, data.featureCount());
        assertArrayEquals(new int[] {0, 1, 2}, data.classIndices());
    }

    @Test
    void readsOtherValueTypesBigEndian() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 8).putInt(0x00000D01).putInt(2).putFloat(1.5f).putFloat(-2f);
        assertArrayEquals(new float[] {1.5f, -2f}, IdxReader.read(write("f", buffer.array())).data().asFloat());
    }

    @Test
    void truncatedFileNamesFileBytePositionAndSizes() throws IOException {
        Path file = write("short", Arrays.copyOf(images(), 20));
        DataFileException error = assertThrows(DataFileException.class, () -> IdxReader.read(file));
        assertEquals(file + ": byte 20: file is truncated: it has 4 of the 12 data bytes; the header declares "
                + "shape [3, 2, 2] of unsigned bytes", error.getMessage());
        assertEquals("byte 20", error.position());
    }

    @Test
    void truncatedGzipIsReportedToo() throws IOException {
        Path file = writeGzip("short.gz", Arrays.copyOf(images(), 20));
        DataFileException error = assertThrows(DataFileException.class, () -> IdxReader.read(file));
        assertTrue(error.getMessage().startsWith(file + ": byte 20: file is truncated"), error.getMessage());
        byte[] gzip = Files.readAllBytes(writeGzip("whole.gz", images()));
        Path cut = write("cut.gz", Arrays.copyOf(gzip, gzip.length - 12));
        DataFileException cutError = assertThrows(DataFileException.class, () -> IdxReader.read(cut));
        assertTrue(cutError.getMessage().startsWith(cut.toString()), cutError.getMessage());
    }

    @Test
    void extraBytesAfterTheDataAreAnError() throws IOException {
        Path file = write("long", Arrays.copyOf(images(), 30));
        DataFileException error = assertThrows(DataFileException.class, () -> IdxReader.read(file));
        assertTrue(error.getMessage().contains("byte 28: file has 2 bytes after the 12 data bytes"), error.getMessage());
    }

    @Test
    void badMagicNumberIsNamed() throws IOException {
        byte[] content = images();
        content[0] = 0x12;
        DataFileException error = assertThrows(DataFileException.class, () -> IdxReader.read(write("bad", content)));
        assertTrue(error.getMessage().endsWith("byte 0: not an IDX file: magic number 0x12000803 does not start "
                + "with two zero bytes"), error.getMessage());
        byte[] badType = images();
        badType[2] = 0x07;
        DataFileException typeError = assertThrows(DataFileException.class, () -> IdxReader.read(write("t", badType)));
        assertTrue(typeError.getMessage().contains("unknown IDX value type 0x07"), typeError.getMessage());
        DataFileException empty = assertThrows(DataFileException.class, () -> IdxReader.read(write("e", new byte[0])));
        assertTrue(empty.getMessage().contains("file ends inside the header"), empty.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        Path images = write("images", images());
        Path labels = write("labels", labels(4));
        DataFileException error = assertThrows(DataFileException.class, () -> IdxReader.readDataSet(images, labels));
        assertEquals(labels + ": header: 4 labels for 3 images in " + images, error.getMessage());
    }

    @Test
    void fashionMnistExplainsHowToInstallWhenMissing() {
        java.io.FileNotFoundException error = assertThrows(java.io.FileNotFoundException.class,
                () -> FashionMnist.load(dir));
        assertTrue(error.getMessage().contains("sudo apt-get install dataset-fashion-mnist"), error.getMessage());
        assertTrue(!FashionMnist.isAvailable(dir));
    }
}
