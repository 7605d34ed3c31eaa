package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class XorDemoTest {

    @Test
    void multiLayerNetworkGetsAllFourXorCasesRightForTheDefaultSeedAndOthers() {
        for (long seed : new long[] {42, 1, 7}) {
            assertEquals(4, XorDemo.multiLayer(seed), "seed " + seed);
        }
    }
}
