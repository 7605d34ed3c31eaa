package io.github.nn4j.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.io.Npy;
import io.github.nn4j.io.Npz;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every kind of bad model file gets a {@link ModelFormatException} naming the file and the problem. */
class BadModelFileTest {

    @TempDir
    Path dir;

    private Path good;
    private byte[] goodBytes;

    @BeforeEach
    void saveAGoodModel() throws IOException {
        good = dir.resolve("good.nn4j");
        ModelFile.write(good, new Sequential(new Dense(2, 3), new ReLU(), new Dense(3, 1)));
        goodBytes = Files.readAllBytes(good);
    }

    private void assertRejected(byte[] bytes, String expected) throws IOException {
        Path file = dir.resolve("bad.nn4j");
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /** The good file with model.json edited and some entries replaced. */
    private byte[] rewritten(UnaryOperator<String> json, Map<String, byte[]> replaced) throws IOException {
        Path file = dir.resolve("rewritten.nn4j");
        try (ZipFile in = new ZipFile(good.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipEntry entry : Npz.entries(in)) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("model.json")) {
                    bytes = json.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                if (replaced.containsKey(entry.getName())) {
                    bytes = replaced.get(entry.getName());
                    if (bytes == null) {
                        continue;
                    }
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return Files.readAllBytes(file);
    }

    private byte[] withJson(UnaryOperator<String> json) throws IOException {
        return rewritten(json, Map.of());
    }

    @Test
    void truncatedFiles() throws IOException {
        assertRejected(Arrays.copyOf(goodBytes, goodBytes.length / 2), "not a zip archive, or truncated");
        assertRejected(Arrays.copyOf(goodBytes, goodBytes.length - 10), "not a zip archive, or truncated");
        assertRejected(new byte[0], "not a zip archive, or truncated");
    }

    @Test
    void filesThatAreNotZipArchives() throws IOException {
        assertRejected("just some text\n".getBytes(StandardCharsets.US_ASCII), "not a zip archive");
        assertRejected(Npy.toBytes(Nd4j.ones(2, 2)), "not a zip archive");
    }

    @Test
    void corruptBytesInsideAWeightEntryAreCaughtByTheChecksum() throws IOException {
        byte[] bytes = goodBytes.clone();
        int npy = indexOf(bytes, "dense0.W.npy".getBytes(StandardCharsets.US_ASCII));
        bytes[npy + "dense0.W.npy".length() + 128 + 5] ^= 0x40; // a data byte after the 128-byte .npy header
        assertRejected(bytes, "entry dense0.W.npy is unreadable");
        assertRejected(bytes, "CRC-32");
    }

    @Test
    void foreignFiles() throws IOException {
        Path npz = dir.resolve("arrays.npz");
        Npz.write(npz, Map.of("x", Nd4j.ones(2, 2)));
        assertRejected(Files.readAllBytes(npz), "not an nn4j model file: it has no model.json entry (entries: [x.npy])");
        assertRejected(withJson(json -> json.replace("\"nn4j\"", "\"keras\"")),
                "not an nn4j model file: model.json declares format 'keras', expected 'nn4j'");
        assertRejected(withJson(json -> "{\"format\": \"nn4j\", \"version\": 1,"), "model.json is not valid JSON");
        assertRejected(withJson(json -> "[1, 2, 3]"), "must be a JSON object");
    }

    @Test
    void filesFromAFutureVersion() throws IOException {
        assertRejected(withJson(json -> json.replaceFirst("\"version\" : 1", "\"version\" : 2")),
                "format version 2 is newer than this nn4j reads (up to 1); upgrade nn4j");
    }

    @Test
    void arraysThatDoNotMatchTheDescription() throws IOException {
        Map<String, byte[]> transposed = new LinkedHashMap<>();
        transposed.put("dense0.W.npy", Npy.toBytes(SeededArrays.uniform(1, DataType.FLOAT, 3, 2)));
        assertRejected(rewritten(json -> json, transposed), "dense0.W.npy has shape [3, 2], but model.json says [2, 3]");

        Map<String, byte[]> wrongType = Map.of("dense0.W.npy", Npy.toBytes(SeededArrays.uniform(2, DataType.DOUBLE, 2, 3)));
        assertRejected(rewritten(json -> json, wrongType), "dense0.W.npy holds float64 values, but model.json says float32");

        Map<String, byte[]> missing = new LinkedHashMap<>();
        missing.put("dense1.b.npy", null);
        assertRejected(rewritten(json -> json, missing), "entry dense1.b.npy is missing");

        Map<String, byte[]> garbage = Map.of("dense0.b.npy", "not numpy".getBytes(StandardCharsets.US_ASCII));
        assertRejected(rewritten(json -> json, garbage), "entry dense0.b.npy is unreadable");

        assertRejected(withJson(json -> json.replace("\"shape\" : [ 2, 3 ]", "\"shape\" : [ 3, 2 ]")),
                "model.json gives dense0.W the shape [3, 2], but its layers declare [2, 3]");
    }

    @Test
    void layersThatCannotBeRebuilt() throws IOException {
        assertRejected(withJson(json -> json.replace("\"relu\"", "\"no_such_layer\"")),
                "layer 1 (no_such_layer {}): unknown layer type 'no_such_layer'");
        assertRejected(withJson(json -> json.replace("\"in\" : 2", "\"in\" : -2")), "Dense needs positive sizes");
        assertRejected(withJson(json -> json.replace("\"in\" : 3", "\"in\" : 4")), "do not fit together");
        assertRejected(withJson(json -> json.replace("\"in\" : 2", "\"in\" : 2, \"bias\" : false")),
                "has no setting(s) [bias]");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
