package io.github.nn4j.fuzz;

import io.github.nn4j.io.Npy;
import io.github.nn4j.io.Npz;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.testing.SeededArrays;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seed inputs of every fuzz target: small valid files of each format, written by nn4j (or,
 * for IDX and CSV, laid out by hand as the formats define them). They live in the repository
 * under {@code src/test/resources/io/github/nn4j/fuzz/<Test>Inputs/<method>/} as
 * {@code seed-*} files, where Jazzer replays them in every {@code mvn test} and starts fuzzing
 * from them; {@link FuzzSeedsTest} rewrites them on request and checks they stay valid.
 */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    /** Target folder (relative to the resources root) → seed file name → contents. */
    static Map<String, Map<String, byte[]>> all() throws IOException {
        Map<String, Map<String, byte[]>> seeds = new LinkedHashMap<>();
        seeds.put("NpyFuzzTestInputs/npyRead", npy());
        seeds.put("NpzFuzzTestInputs/npzRead", npz());
        seeds.put("ModelFileFuzzTestInputs/modelFileRead", modelFiles());
        Map<String, byte[]> json = Map.of("seed-checkpoint.json",
                FuzzArchives.checkpointEntries().get(ModelFile.DESCRIPTION));
        seeds.put("ModelJsonFuzzTestInputs/modelJsonRead", json);
        seeds.put("CheckpointFuzzTestInputs/checkpointResume", json);
        seeds.put("JsonFuzzTestInputs/jsonRead", json());
        Map<String, byte[]> idx = idx();
        Map<String, byte[]> idxAndGzip = new LinkedHashMap<>(idx);
        idx.forEach((name, bytes) -> idxAndGzip.put(name + ".gz", IdxGzipFuzzTest.gzip(bytes)));
        seeds.put("IdxFuzzTestInputs/idxRead", idxAndGzip);
        seeds.put("IdxGzipFuzzTestInputs/idxGzipRead", idx);
        seeds.put("CsvFuzzTestInputs/csvRead", csv());
        return seeds;
    }

    private static Map<String, byte[]> npy() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("seed-float32-2x3.npy", Npy.toBytes(SeededArrays.uniform(1, DataType.FLOAT, 2, 3)));
        seeds.put("seed-float64-3.npy", Npy.toBytes(SeededArrays.uniform(2, DataType.DOUBLE, 3)));
        seeds.put("seed-int32-2x2x2.npy", Npy.toBytes(SeededArrays.uniform(3, DataType.DOUBLE, 2, 2, 2).muli(100)
                .castTo(DataType.INT)));
        seeds.put("seed-uint8-scalar.npy", Npy.toBytes(SeededArrays.uniform(4, DataType.DOUBLE).muli(200)
                .castTo(DataType.UBYTE)));
        seeds.put("seed-int64-empty.npy", Npy.toBytes(org.nd4j.linalg.factory.Nd4j.create(DataType.LONG, 0, 3)));
        // numpy.save(b, np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3))), as in NpyTest.
        seeds.put("seed-numpy-float64-fortran.npy", java.util.Base64.getDecoder().decode(
                "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAg"
                + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAAhAAAAAAAAA8D8A"
                + "AAAAAAAQQAAAAAAAAABAAAAAAAAAFEA="));
        return seeds;
    }

    private static Map<String, byte[]> npz() throws IOException {
        Path folder = Files.createTempDirectory("nn4j-seeds");
        try {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            arrays.put("x", SeededArrays.uniform(5, DataType.FLOAT, 2, 2));
            arrays.put("dir/y", SeededArrays.uniform(6, DataType.DOUBLE, 3));
            Path file = folder.resolve("a.npz");
            Npz.write(file, arrays);
            Map<String, byte[]> seeds = new LinkedHashMap<>();
            seeds.put("seed-two-arrays.npz", Files.readAllBytes(file));
            Map<String, byte[]> deflated = new LinkedHashMap<>();
            arrays.forEach((name, array) -> deflated.put(name + ".npy", Npy.toBytes(array)));
            seeds.put("seed-deflated.npz", deflatedZip(deflated));
            return seeds;
        } finally {
            deleteAll(folder);
        }
    }

    private static Map<String, byte[]> modelFiles() throws IOException {
        Path folder = Files.createTempDirectory("nn4j-seeds");
        try {
            Map<String, byte[]> seeds = new LinkedHashMap<>();
            Path model = folder.resolve("model.nn4j");
            ModelFile.write(model, new Sequential(new Dense(2, 3), new ReLU(), new Dense(3, 2), new Softmax()));
            seeds.put("seed-model.nn4j", Files.readAllBytes(model));
            Path checkpoint = folder.resolve("checkpoint.nn4j");
            FuzzArchives.writeCheckpoint(checkpoint);
            seeds.put("seed-checkpoint.nn4j", Files.readAllBytes(checkpoint));
            seeds.put("seed-checkpoint-deflated.nn4j", deflatedZip(FuzzArchives.entries(Files.readAllBytes(checkpoint))));
            return seeds;
        } finally {
            deleteAll(folder);
        }
    }

    /** JSON texts with each kind of value, escape and number form, besides a checkpoint's description. */
    private static Map<String, byte[]> json() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("seed-checkpoint.json", FuzzArchives.checkpointEntries().get(ModelFile.DESCRIPTION));
        seeds.put("seed-values.json", ("{\"a\": [1, -0, 3000000000, 12345678901234567890, 2.5, -1.5E-3, 1e400],\n"
                + " \"b\": {\"t\": true, \"f\": false, \"n\": null, \"e\": {}, \"l\": []}}")
                .getBytes(StandardCharsets.UTF_8));
        seeds.put("seed-escapes.json", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\", \"é€😀\"]"
                .getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    /** IDX files as the format defines them: magic 0 0 type rank, big-endian sizes, big-endian values. */
    private static Map<String, byte[]> idx() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("seed-labels-idx1-ubyte", idx(0x08, new int[] {5}, 1, (buffer, i) -> buffer.put((byte) (i % 10))));
        seeds.put("seed-images-idx3-ubyte", idx(0x08, new int[] {2, 3, 3}, 1,
                (buffer, i) -> buffer.put((byte) (i * 13))));
        seeds.put("seed-floats-idx2", idx(0x0D, new int[] {2, 2}, 4, (buffer, i) -> buffer.putFloat(i / 3f)));
        seeds.put("seed-doubles-idx1", idx(0x0E, new int[] {2}, 8, (buffer, i) -> buffer.putDouble(-i)));
        seeds.put("seed-shorts-idx1", idx(0x0B, new int[] {3}, 2, (buffer, i) -> buffer.putShort((short) (i - 1))));
        seeds.put("seed-ints-idx1", idx(0x0C, new int[] {2}, 4, (buffer, i) -> buffer.putInt(i * 1000)));
        seeds.put("seed-signed-idx1", idx(0x09, new int[] {2}, 1, (buffer, i) -> buffer.put((byte) -i)));
        return seeds;
    }

    private interface Value {
        void put(ByteBuffer buffer, int index);
    }

    private static byte[] idx(int type, int[] shape, int itemSize, Value value) {
        int count = 1;
        for (int size : shape) {
            count *= size;
        }
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * shape.length + count * itemSize);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) shape.length);
        for (int size : shape) {
            buffer.putInt(size);
        }
        for (int i = 0; i < count; i++) {
            value.put(buffer, i);
        }
        return buffer.array();
    }

    /** CSV seeds: the option byte {@link CsvFuzzTest} reads, then the text. */
    private static Map<String, byte[]> csv() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("seed-comma-header.csv", csv(0, "a,b,label\n1,2.5,0\n-3e2,4,1\n\n5,6,1\n"));
        seeds.put("seed-semicolon-quoted.csv", csv(1, "\uFEFF\"x; y\";\"z\"\"\";label\n\"1\";2;3\n 4 ;\"5\"; 6\n"));
        seeds.put("seed-tab-no-header-first-label.csv", csv(2 | 4 | 8, "1\t2\t3\n4\t5\t6\n"));
        seeds.put("seed-space-label-by-name.csv", csv(3 | 24, "label x\n1 2\n3 4\n"));
        seeds.put("seed-second-column-label.csv", csv(16, "p,q,r\n0.5,1,2\n"));
        return seeds;
    }

    private static byte[] csv(int options, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(options);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] deflatedZip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                java.util.zip.ZipEntry zipEntry = new java.util.zip.ZipEntry(entry.getKey());
                zipEntry.setTimeLocal(Npz.ENTRY_TIME);
                out.putNextEntry(zipEntry);
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void deleteAll(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
