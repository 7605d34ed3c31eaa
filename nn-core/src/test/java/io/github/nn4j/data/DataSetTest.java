package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataSetTest {

    /** Ten examples whose single feature equals 10 × their label, so pairs can be checked after shuffling. */
    private static DataSet tens() {
        float[][] features = new float[10][1];
        float[] labels = new float[10];
        for (int i = 0; i < 10; i++) {
            features[i][0] = 10 * i;
            labels[i] = i;
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(labels));
    }

    private static void assertPairsKept(DataSet data) {
        for (int i = 0; i < data.size(); i++) {
            assertEquals(10 * data.labels().getDouble(i, 0), data.features().getDouble(i, 0), 0.0);
        }
    }

    @Test
    void shuffleIsASeededPermutationKeepingFeatureLabelPairs() {
        DataSet shuffled = tens().shuffle(7);
        assertPairsKept(shuffled);
        assertArrayEquals(shuffled.classIndices(), tens().shuffle(7).classIndices());
        assertNotEquals(Arrays.toString(shuffled.classIndices()), Arrays.toString(tens().shuffle(8).classIndices()));
        int[] sorted = shuffled.classIndices().clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    }

    @Test
    void splitHoldsOutDisjointSeededParts() {
        Split split = tens().split(3, 42);
        assertEquals(7, split.train().size());
        assertEquals(3, split.validation().size());
        assertPairsKept(split.train());
        assertPairsKept(split.validation());
        Set<Integer> all = new HashSet<>();
        for (int c : split.train().classIndices()) {
            all.add(c);
        }
        for (int c : split.validation().classIndices()) {
            assertTrue(all.add(c), "example " + c + " is in both parts");
        }
        assertEquals(10, all.size());
        assertArrayEquals(split.validation().classIndices(), tens().split(3, 42).validation().classIndices());
        assertEquals(2, tens().split(0.2, 1).validation().size());
    }

    @Test
    void splitRejectsAnEmptyPart() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> tens().split(10, 1));
        assertTrue(error.getMessage().contains("10 of 10"), error.getMessage());
    }

    @Test
    void subsetAndFirstCopyConsecutiveRows() {
        DataSet middle = tens().subset(2, 5);
        assertArrayEquals(new int[] {2, 3, 4}, middle.classIndices());
        assertEquals(10, tens().first(50).size());
        assertArrayEquals(new int[] {0, 1}, tens().first(2).classIndices());
        assertThrows(IllegalArgumentException.class, () -> tens().subset(4, 4));
    }

    @Test
    void oneHotEncodesClassIndices() {
        DataSet data = new DataSet(Nd4j.create(new float[][] {{1}, {2}, {3}}), Nd4j.createFromArray(2f, 0f, 1f));
        INDArray oneHot = data.oneHot(3).labels();
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, oneHot.data().asFloat());
        assertArrayEquals(new int[] {2, 0, 1}, data.oneHot(3).classIndices());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> data.oneHot(2));
        assertEquals("label 2.0 at row 0 is not a class index in [0, 1]", error.getMessage());
    }

    @Test
    void oneHotHelpersRecognizeRows() {
        assertTrue(OneHot.isOneHot(OneHot.encode(new int[] {1, 0}, 2)));
        assertTrue(!OneHot.isOneHot(Nd4j.create(new float[][] {{0.5f, 0.5f}})));
        assertArrayEquals(new int[] {1, 0}, OneHot.argmaxPerRow(Nd4j.create(new float[][] {{0.2f, 0.8f}, {0.6f, 0.4f}})));
    }

    @Test
    void rejectsNonFiniteLabels() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new DataSet(Nd4j.create(new float[][] {{1}}), Nd4j.create(new float[][] {{Float.NaN}})));
        assertTrue(error.getMessage().contains("labels [1, 1] contain 1 NaN"), error.getMessage());
    }

    @Test
    void batchIteratorKeepsOrDropsTheLastPartialBatch() {
        BatchIterator kept = new BatchIterator(tens(), 4, false, false, 0);
        List<Batch> batches = kept.nextEpoch();
        assertEquals(List.of(4, 4, 2), batches.stream().map(Batch::size).toList());
        BatchIterator dropped = new BatchIterator(tens(), 4, true, true, 0);
        assertEquals(2, dropped.batchesPerEpoch());
        assertEquals(List.of(4, 4), dropped.nextEpoch().stream().map(Batch::size).toList());
    }

    @Test
    void batchIteratorOrderTellsWhichExampleIsWhere() {
        BatchIterator iterator = new BatchIterator(tens(), 3, 5);
        List<Batch> batches = iterator.nextEpoch();
        int[] order = iterator.order();
        for (int b = 0; b < batches.size(); b++) {
            for (int r = 0; r < batches.get(b).size(); r++) {
                assertEquals(order[b * 3 + r], batches.get(b).labels().getDouble(r, 0), 0.0);
            }
        }
    }

    @Test
    void batchIteratorHandsOutTheSameViewsEveryEpochHoldingThatEpochsRows() {
        BatchIterator iterator = new BatchIterator(tens(), 3, 5);
        List<Batch> first = iterator.nextEpoch();
        INDArray firstFeatures = first.get(0).features();
        List<Batch> second = iterator.nextEpoch();
        assertSame(firstFeatures, second.get(0).features());
        int[] order = iterator.order();
        for (int b = 0; b < second.size(); b++) {
            for (int r = 0; r < second.get(b).size(); r++) {
                assertEquals(order[b * 3 + r], second.get(b).labels().getDouble(r, 0), 0.0);
            }
        }
    }
}
