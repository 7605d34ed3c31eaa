package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void keepsEveryPointUntilFull() {
        Series series = new Series(8);
        for (int i = 1; i <= 8; i++) {
            series.offer(i, 10 * i);
        }
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, series.xs());
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60, 70, 80}, series.ys());
        assertEquals(0, series.generation());
    }

    @Test
    void whenFullKeepsEveryOtherPointAndFromThenOnEverySecondOffer() {
        Series series = new Series(8);
        for (int i = 0; i < 12; i++) {
            series.offer(i, i * i);
        }
        // offers 0..7 filled it; offer 8 thinned it to 0, 2, 4, 6 and was kept; 9 and 11 were skipped
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, series.xs());
        assertArrayEquals(new double[] {0, 4, 16, 36, 64, 100}, series.ys());
        assertEquals(1, series.generation());
        assertEquals(2, series.stride());
    }

    @Test
    void aMillionOffersKeepAtMostTheCapacityEvenlySpacedFromTheFirst() {
        Series series = new Series(2_000);
        for (int i = 0; i < 1_000_000; i++) {
            series.offer(i, -i);
        }
        assertTrue(series.size() <= 2_000 && series.size() > 1_000, "size " + series.size());
        long stride = series.stride();
        assertEquals(512, stride);                   // 1,000,000 / 512 = 1,953.1 points: the first stride that fits
        assertEquals(1_954, series.size());
        for (int i = 0; i < series.size(); i++) {
            assertEquals(i * (double) stride, series.x(i));
            assertEquals(-series.x(i), series.y(i), 0.0);
        }
    }

    @Test
    void aSavedSeriesGoesOnWhereItStopped() {
        Series original = new Series(8);
        for (int i = 0; i < 20; i++) {
            original.offer(i, i);
        }
        Series copy = Series.of(8, original.xs(), original.ys(), original.generation());
        for (int i = 20; i < 40; i++) {
            original.offer(i, i);
            copy.offer(i, i);
        }
        assertArrayEquals(original.xs(), copy.xs());
        assertThrows(IllegalArgumentException.class, () -> Series.of(8, new double[9], new double[9], 0));
        assertThrows(IllegalArgumentException.class, () -> Series.of(8, new double[2], new double[3], 0));
        assertThrows(IllegalArgumentException.class, () -> new Series(7));
    }
}
