package io.github.nn4j.internal.train;

/**
 * The seeds of one epoch's randomness, derived from the run's seed and the epoch alone, so that
 * epoch k is the same whether a run started at epoch 1 or resumed from a checkpoint, and so that
 * a trainer elsewhere (a data-parallel worker) can draw exactly what
 * {@link io.github.nn4j.train.Trainer} draws.
 *
 * <pre>{@code
 * long shuffle = EpochSeeds.shuffle(42, 3);   // BatchIterator.nextEpoch(shuffle), BatchIterator.epochOrder(n, shuffle)
 * long dropout = EpochSeeds.dropout(42, 3);   // model.reseed(dropout) before the epoch's first step
 * }</pre>
 */
public final class EpochSeeds {

    /** Seed streams derived per epoch: one for the shuffle, one for dropout. */
    private static final int SHUFFLE = 0;
    private static final int DROPOUT = 1;

    private EpochSeeds() {
    }

    /**
     * The seed of epoch {@code epoch}'s shuffle.
     *
     * @param seed  the run's seed
     * @param epoch the epoch, 1-based
     * @return the seed {@code Trainer} gives {@code BatchIterator.nextEpoch(long)}
     */
    public static long shuffle(long seed, int epoch) {
        return mix(seed, epoch, SHUFFLE);
    }

    /**
     * The seed of epoch {@code epoch}'s dropout masks.
     *
     * @param seed  the run's seed
     * @param epoch the epoch, 1-based
     * @return the seed {@code Trainer} gives {@code Sequential.reseed} before the epoch
     */
    public static long dropout(long seed, int epoch) {
        return mix(seed, epoch, DROPOUT);
    }

    /**
     * {@code (seed, epoch, stream)} mixed by SplitMix64's finalizer, so neighbouring epochs and
     * seeds get unrelated generators and an epoch's randomness does not depend on the epochs before it.
     */
    private static long mix(long seed, int epoch, int stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (2L * epoch + stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
