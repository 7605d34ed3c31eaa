package io.github.nn4j.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InitializerTest {

    private static final int N = 200_000;

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }

    @Test
    void gaussianDefaultsToTheNotesSigmaOfOneHundredth() {
        double[] v = Initializer.gaussian().sample(10, 10, N, new Random(1));
        assertEquals(0.0, mean(v), 1e-4);
        assertEquals(0.01, std(v), 1e-4);
    }

    @Test
    void xavierAndHeHaveTheirClosedFormVariance() {
        int fanIn = 300;
        int fanOut = 100;
        assertEquals(Math.sqrt(2.0 / (fanIn + fanOut)), std(Initializer.xavierNormal().sample(fanIn, fanOut, N, new Random(2))), 1e-3);
        assertEquals(Math.sqrt(2.0 / (fanIn + fanOut)), std(Initializer.xavierUniform().sample(fanIn, fanOut, N, new Random(3))), 1e-3);
        assertEquals(Math.sqrt(2.0 / fanIn), std(Initializer.heNormal().sample(fanIn, fanOut, N, new Random(4))), 1e-3);
        assertEquals(Math.sqrt(2.0 / fanIn), std(Initializer.heUniform().sample(fanIn, fanOut, N, new Random(5))), 1e-3);
    }

    @Test
    void uniformStaysWithinItsLimit() {
        double[] v = Initializer.uniform(0.3).sample(1, 1, N, new Random(6));
        assertTrue(Arrays.stream(v).allMatch(x -> x >= -0.3 && x <= 0.3));
        assertEquals(0.3 / Math.sqrt(3), std(v), 1e-3);
    }

    @Test
    void constantAndZerosFillEveryValue() {
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, Initializer.constant(0.5).sample(1, 1, 3, new Random(0)), 0);
        assertArrayEquals(new double[] {0, 0}, Initializer.zeros().sample(1, 1, 2, new Random(0)), 0);
    }

    @Test
    void sameSeedGivesTheSameValuesAndAnotherSeedOthers() {
        for (Initializer initializer : List.of(Initializer.gaussian(), Initializer.uniform(0.5),
                Initializer.xavierNormal(), Initializer.xavierUniform(), Initializer.heNormal(), Initializer.heUniform())) {
            double[] first = initializer.sample(4, 4, 16, new Random(9));
            assertArrayEquals(first, initializer.sample(4, 4, 16, new Random(9)), 0);
            assertFalse(Arrays.equals(first, initializer.sample(4, 4, 16, new Random(10))), "values from the generator");
        }
    }

    @Test
    void nonPositiveScalesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Initializer.gaussian(0));
        assertThrows(IllegalArgumentException.class, () -> Initializer.uniform(-1));
    }
}
