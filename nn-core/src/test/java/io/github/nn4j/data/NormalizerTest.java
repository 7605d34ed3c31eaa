package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NormalizerTest {

    // Column 0: 0, 2, 4 (min 0, max 4, mean 2, population std sqrt(8/3)); column 1 constant 5.
    private static final INDArray TRAIN = Nd4j.create(new float[][] {{0, 5}, {2, 5}, {4, 5}});
    private static final INDArray TEST = Nd4j.create(new float[][] {{1, 5}, {8, 7}});

    @Test
    void minMaxScalesWithTheTrainingRange() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN);
        assertArrayEquals(new double[] {0, 5}, scaler.min());
        assertArrayEquals(new double[] {4, 5}, scaler.max());
        assertArrayEquals(new float[] {0, 0, 0.5f, 0, 1, 0}, scaler.transform(TRAIN).data().asFloat(), 1e-6f);
        // Test data uses the training statistics and is not clipped; the constant column is only shifted.
        assertArrayEquals(new float[] {0.25f, 0, 2, 2}, scaler.transform(TEST).data().asFloat(), 1e-6f);
    }

    @Test
    void standardizerGivesMeanZeroAndUnitDeviationOnTrainingData() {
        Standardizer standardizer = Standardizer.fit(new DataSet(TRAIN, Nd4j.zeros(3, 1)));
        double std = Math.sqrt(8.0 / 3.0);
        assertArrayEquals(new double[] {2, 5}, standardizer.mean(), 1e-6);
        assertArrayEquals(new double[] {std, 0}, standardizer.std(), 1e-6);
        assertArrayEquals(new float[] {(float) (-2 / std), 0, 0, 0, (float) (2 / std), 0},
                standardizer.transform(TRAIN).data().asFloat(), 1e-6f);
        DataSet scaled = standardizer.transform(new DataSet(TEST, Nd4j.zeros(2, 1)));
        assertEquals((8 - 2) / std, scaled.features().getDouble(1, 0), 1e-6);
    }

    @Test
    void normalizersSurviveJavaSerializationAsValues() throws Exception {
        for (Normalizer normalizer : new Normalizer[] {MinMaxScaler.fit(TRAIN), Standardizer.fit(TRAIN)}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(normalizer);
            }
            Object back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
            assertEquals(normalizer, back);
            assertEquals(normalizer.hashCode(), back.hashCode());
        }
    }

    @Test
    void rejectsFeaturesOfAnotherWidth() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.fit(TRAIN).transform(Nd4j.zeros(2, 3)));
        assertEquals("MinMaxScaler was fitted on 2 features and expects [n, 2], got [2, 3]", error.getMessage());
        assertTrue(Standardizer.fit(TRAIN).toString().startsWith("Standardizer(mean [2.0, 5.0]"));
    }
}
