package io.github.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.testing.SeededArrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzTest {

    @TempDir
    Path dir;

    @Test
    void arraysRoundTripInOrderAsStoredNpyEntries() throws Exception {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("weights", SeededArrays.uniform(1, DataType.FLOAT, 3, 4));
        arrays.put("counts", Nd4j.createFromArray(1L, 2L, 3L));
        arrays.put("nested/x", SeededArrays.uniform(2, DataType.DOUBLE, 2));
        Path file = dir.resolve("a.npz");
        Npz.write(file, arrays);
        Map<String, INDArray> back = Npz.read(file);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
        arrays.forEach((name, array) -> assertEquals(array, back.get(name), name));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("weights.npy");
            assertEquals(ZipEntry.STORED, entry.getMethod()); // as numpy.savez writes them
            assertArrayEquals(Npy.toBytes(arrays.get("weights")), zip.getInputStream(entry).readAllBytes());
        }
    }

    @Test
    void readsCompressedArchivesAsNumpySavezCompressedWritesThem() throws Exception {
        Path file = dir.resolve("c.npz");
        INDArray a = SeededArrays.uniform(3, DataType.FLOAT, 5, 5);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("a.npy")); // DEFLATED by default
            zip.write(Npy.toBytes(a));
            zip.closeEntry();
        }
        assertEquals(a, Npz.read(file).get("a"));
    }

    @Test
    void nonZipFilesAreNamed() throws Exception {
        Path text = dir.resolve("text.npz");
        Files.writeString(text, "hello");
        NpyFormatException notZip = assertThrows(NpyFormatException.class, () -> Npz.read(text));
        assertTrue(notZip.getMessage().startsWith(text + ": not a zip archive"), notZip.getMessage());
    }
}
