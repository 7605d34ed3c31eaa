package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.model.Sequential;
import org.junit.jupiter.api.Test;

class XorDemoTest {

    @Test
    void multiLayerNetworkGetsAllFourXorCasesRightForTheDefaultSeedAndOthers() {
        for (long seed : new long[] {42, 1, 7}) {
            assertEquals(4, XorDemo.multiLayer(seed), "seed " + seed);
        }
    }

    @Test
    void theNetworkOfSeed42GivesTheProbabilitiesTheReadmePrints() {
        Sequential model = XorNetwork.train(42, false);
        double[] p = model.predict(XorNetwork.xor().features()).reshape(4).toDoubleVector();
        double[] readme = {0.0023, 0.9995, 0.9967, 0.0033};   // README.md, "What they printed": XorDemo
        for (int i = 0; i < 4; i++) {
            assertEquals(readme[i], p[i], 0.00005, "P(y=1) of point " + i);
        }
    }
}
