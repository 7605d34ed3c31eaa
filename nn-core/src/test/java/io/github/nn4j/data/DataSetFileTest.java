package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.io.NpyFormatException;
import io.github.nn4j.io.Npz;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataSetFileTest {

    @TempDir
    Path dir;

    @Test
    void dataSetsRoundTripAsFeaturesAndLabels() throws Exception {
        DataSet data = new DataSet(seededFeatures(3), Nd4j.createFromArray(0L, 1L, 2L, 1L, 0L, 2L));
        Path file = dir.resolve("data.npz");
        DataSetFile.write(file, data);
        assertEquals(List.of("features", "labels"), List.copyOf(Npz.read(file).keySet()));
        DataSet back = DataSetFile.read(file);
        assertEquals(data.features(), back.features());
        assertEquals(data.labels(), back.labels());
        assertEquals(DataType.LONG, back.labels().dataType());
    }

    @Test
    void aMissingEntryIsNamed() throws Exception {
        Path file = dir.resolve("x.npz");
        Npz.write(file, Map.of("x", Nd4j.ones(2, 2)));
        NpyFormatException missing = assertThrows(NpyFormatException.class, () -> DataSetFile.read(file));
        assertTrue(missing.getMessage().contains("no features.npy entry"), missing.getMessage());
    }

    /** Six rows of three uniform floats from a generator seeded with {@code seed}. */
    private static INDArray seededFeatures(long seed) {
        Random random = new Random(seed);
        float[][] values = new float[6][3];
        for (float[] row : values) {
            for (int j = 0; j < 3; j++) {
                row[j] = random.nextFloat();
            }
        }
        return Nd4j.create(values);
    }
}
