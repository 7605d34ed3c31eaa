package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.BatchIterator;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An executor finds where its partition's examples land in an epoch's order without building the
 * order: the same positions as {@code BatchIterator.epochOrder}, in memory of the partition's size.
 */
class EpochOrderSliceTest {

    @Test
    void positionsAreThoseOfTheWholeOrderForManySizesSeedsAndRanges() {
        SplittableRandom random = new SplittableRandom(17);
        int[] sizes = {1, 2, 3, 7, 16, 100, 1000, 4096, 4099};
        for (int n : sizes) {
            for (int trial = 0; trial < 6; trial++) {
                long seed = random.nextLong();
                int start = random.nextInt(n);
                int end = start + 1 + random.nextInt(n - start);
                int used = trial % 2 == 0 ? n : 1 + random.nextInt(n);
                int[] order = BatchIterator.epochOrder(n, seed);
                int[][] expected = fromWholeOrder(order, start, end, used);
                int[][] slice = EpochOrderSlice.of(n, seed, start, end, used);
                String where = "n " + n + ", seed " + seed + ", range " + start + "…" + end + ", used " + used;
                assertArrayEquals(expected[0], slice[0], where + ": examples");
                assertArrayEquals(expected[1], slice[1], where + ": positions");
            }
        }
    }

    @Test
    void smallRangesFollowedInATableAndLargeOnesScannedAgree() {
        int n = 1000;
        int[] order = BatchIterator.epochOrder(n, 42);
        for (int size : new int[] {1, 10, 100, 249, 250, 251, 600}) {
            for (int start : new int[] {0, 137, n - size}) {
                int[][] expected = fromWholeOrder(order, start, start + size, 960);
                int[][] slice = EpochOrderSlice.of(n, 42, start, start + size, 960);
                assertArrayEquals(expected[0], slice[0], "range " + start + "+" + size);
                assertArrayEquals(expected[1], slice[1], "range " + start + "+" + size);
            }
        }
    }

    @Test
    void theWholeRangeGivesTheWholeOrder() {
        int[] order = BatchIterator.epochOrder(5000, 99);
        int[][] slice = EpochOrderSlice.of(5000, 99, 0, 5000, 5000);
        assertArrayEquals(order, slice[0]);
    }

    @Test
    void memoryFollowsThePartitionNotTheDataSet() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int n = 30_000_000;
        long before = threads.getThreadAllocatedBytes(thread);
        int[][] slice = EpochOrderSlice.of(n, 5, 1_000_000, 1_002_000, n);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(2000, slice[0].length);
        // The whole order would be 4 bytes × 30 M = 120 MB; the slice needs tens of kilobytes.
        assertTrue(allocated < 200_000, "allocated " + allocated + " bytes");
        for (int i = 1; i < slice[1].length; i++) {
            assertTrue(slice[1][i] > slice[1][i - 1], "positions ascend");
        }
    }

    /** The range's examples at positions below {@code used}, by position: indices in the range and positions. */
    private static int[][] fromWholeOrder(int[] order, int start, int end, int used) {
        int count = 0;
        for (int position = 0; position < used; position++) {
            if (order[position] >= start && order[position] < end) {
                count++;
            }
        }
        int[] local = new int[count];
        int[] positions = new int[count];
        int k = 0;
        for (int position = 0; position < used; position++) {
            if (order[position] >= start && order[position] < end) {
                local[k] = order[position] - start;
                positions[k++] = position;
            }
        }
        return new int[][] {local, positions};
    }
}
