package io.github.nn4j.bench.serving;

import java.util.SplittableRandom;

/** Seeded request rows: uniform in [-1, 1), a few different ones per batch size so calls do not repeat one input. */
final class Requests {

    /** Distinct inputs a caller cycles through. */
    static final int VARIANTS = 4;

    private Requests() {
    }

    /**
     * {@value #VARIANTS} inputs of {@code count} rows.
     *
     * @param inputs numbers per row
     * @param count  rows per input
     * @param seed   the seed
     * @return the inputs
     */
    static float[][] rows(int inputs, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] variants = new float[VARIANTS][inputs * count];
        for (float[] rows : variants) {
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) random.nextDouble(-1, 1);
            }
        }
        return variants;
    }
}
