package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.io.Npz;
import io.github.nn4j.testing.SeededArrays;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples in the class documentation of the {@code data} package, run as written; each test
 * names the file and lines it checks.
 */
class DataDocExamplesTest {

    @TempDir
    Path dir;

    @Test
    void twoClassIndicesBecomeOneHotRowsAndBack() {
        // OneHot.java:14-15
        INDArray rows = OneHot.encode(Nd4j.createFromArray(2, 0), 3);
        assertArrayEquals(new double[][] {{0, 0, 1}, {1, 0, 0}}, rows.toDoubleMatrix());
        assertArrayEquals(new int[] {2, 0}, OneHot.argmaxPerRow(rows));
    }

    @Test
    void aLabelOutsideTheClassesIsNamedWithItsRow() {
        // OneHot.java:175, the message of classIndex
        assertEquals("label 2.0 at row 0 is not a class index in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> OneHot.classIndex(2.0, 0, 2)).getMessage());
    }

    @Test
    void xorSplitHoldsOutOneSeededRowAndFirstTwoAreTheTrainingSetsFirstRows() {
        // DataSet.java:23-28
        DataSet xor = new DataSet(
                Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                Nd4j.create(new float[][] {{0}, {1}, {1}, {0}}));
        Split split = xor.split(1, 42);
        assertEquals(3, split.train().size());
        assertEquals(1, split.validation().size());
        Set<List<Double>> rows = new HashSet<>(rowsOf(split.train()));
        rows.addAll(rowsOf(split.validation()));
        assertEquals(Set.copyOf(rowsOf(xor)), rows, "together the two parts are the four rows");

        DataSet firstTwo = split.train().first(2);
        assertEquals(rowsOf(split.train()).subList(0, 2), rowsOf(firstTwo));
        assertEquals(rowsOf(split.validation()), rowsOf(xor.split(1, 42).validation()), "seeded");
    }

    /** Each example as its features followed by its label. */
    private static List<List<Double>> rowsOf(DataSet data) {
        double[][] features = data.features().toDoubleMatrix();
        double[][] labels = data.labels().toDoubleMatrix();
        List<List<Double>> rows = new ArrayList<>();
        for (int i = 0; i < features.length; i++) {
            List<Double> row = new ArrayList<>();
            for (double value : features[i]) {
                row.add(value);
            }
            for (double value : labels[i]) {
                row.add(value);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void fashionMnistClassNine() {
        // FashionMnist.java:22, which needs no data
        assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
    }

    @Test
    void fashionMnistLoadsSixtyThousandAndTenThousandAndHoldsOutFiveThousand() throws IOException {
        // FashionMnist.java:10-12 and 20-21 (and IdxReader.java:29-31 on the real files)
        Assumptions.assumeTrue(FashionMnist.isAvailable(FashionMnist.defaultDirectory()),
                "skipped: Fashion-MNIST is not in " + FashionMnist.defaultDirectory() + "; install it with `"
                        + FashionMnist.INSTALL_COMMAND + "` to run the FashionMnist class example");
        FashionMnist data = FashionMnist.load();
        assertArrayEquals(new long[] {60_000, 784}, data.train().features().shape());
        assertArrayEquals(new long[] {60_000, 1}, data.train().labels().shape());
        assertArrayEquals(new long[] {10_000, 784}, data.test().features().shape());
        assertArrayEquals(new long[] {10_000, 1}, data.test().labels().shape());
        assertEquals(0.0, data.train().features().minNumber().doubleValue());
        assertEquals(1.0, data.train().features().maxNumber().doubleValue());

        Split split = data.train().split(5_000, 42);
        assertEquals(55_000, split.train().size());
        assertEquals(5_000, split.validation().size());
    }

    /** An IDX file: magic number {@code 0x0000 08 rank}, the sizes, then the bytes. */
    private Path idx(String name, int[] shape, byte[] data) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(4 + 4 * shape.length + data.length);
        content.putInt(0x0800 | shape.length);
        for (int size : shape) {
            content.putInt(size);
        }
        content.put(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content.array());
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void idxImagesBecomeRowsOf784UnscaledPixelsAndLabelsAColumn() throws IOException {
        // IdxReader.java:29-31, with 3 images instead of 60,000: [3, 28, 28] → [3, 784], [3] → [3, 1]
        byte[] pixels = new byte[3 * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 256);
        }
        DataSet train = IdxReader.readDataSet(
                idx("train-images-idx3-ubyte.gz", new int[] {3, 28, 28}, pixels),
                idx("train-labels-idx1-ubyte.gz", new int[] {3}, new byte[] {9, 0, 3}));
        assertArrayEquals(new long[] {3, 784}, train.features().shape());
        assertEquals(255.0, train.features().getDouble(0, 255), "pixels stay 0–255");
        assertEquals(16.0, train.features().getDouble(1, 0), "image 1 starts at pixel 784 = 3·256 + 16");
        assertArrayEquals(new long[] {3, 1}, train.labels().shape());
        assertArrayEquals(new int[] {9, 0, 3}, train.classIndices());
    }

    @Test
    void aTruncatedImageFileIsNamedWithTheBytePositionAndTheDeclaredShape() throws IOException {
        // DataFileException.java:9-10
        ByteBuffer raw = ByteBuffer.allocate(16 + 1000).putInt(0x0803).putInt(60_000).putInt(28).putInt(28);
        Path file = Files.write(dir.resolve("train-images-idx3-ubyte"), raw.array());   // uncompressed, cut short
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(file));
        assertEquals(file + ": byte 1016: file is truncated: it has 1000 of the 47040000 data bytes; "
                + "the header declares shape [60000, 28, 28] of unsigned bytes", e.getMessage());
        assertEquals("byte 1016", e.position());
    }

    @Test
    void aDataSetFileHoldsFeaturesAndLabelsEntriesForNumpy() throws IOException {
        // DataSetFile.java:18-20
        DataSet trainData = new DataSet(SeededArrays.uniform(3, DataType.FLOAT, 5, 4), Nd4j.createFromArray(0, 1, 2, 1, 0));
        Path file = dir.resolve("train.npz");
        DataSetFile.write(file, trainData);
        DataSet again = DataSetFile.read(file);
        assertEquals(trainData.features(), again.features());
        assertArrayEquals(trainData.classIndices(), again.classIndices());
        Map<String, INDArray> d = Npz.read(file);   // what numpy.load sees
        assertEquals(Set.of("features", "labels"), d.keySet());
        assertArrayEquals(new long[] {5, 4}, d.get("features").shape());
        assertEquals(trainData.labels(), d.get("labels"));
    }
}
