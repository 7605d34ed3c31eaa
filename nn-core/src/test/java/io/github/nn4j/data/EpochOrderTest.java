package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.internal.train.EpochSeeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class EpochOrderTest {

    @Test
    void epochOrderIsTheOrderNextEpochShufflesWithTheSameSeed() {
        DataSet data = new DataSet(Nd4j.arange(0, 23).castTo(DataType.FLOAT).reshape(23, 1),
                Nd4j.zeros(DataType.FLOAT, 23, 1));
        BatchIterator iterator = new BatchIterator(data, 5, 99);
        for (int epoch = 1; epoch <= 3; epoch++) {
            long seed = EpochSeeds.shuffle(99, epoch);
            iterator.nextEpoch(seed);
            assertArrayEquals(iterator.order(), BatchIterator.epochOrder(23, seed), "epoch " + epoch);
        }
    }

    @Test
    void epochOrderIsAPermutation() {
        int[] order = BatchIterator.epochOrder(1000, 5);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertEquals(0, BatchIterator.epochOrder(0, 5).length);
    }
}
