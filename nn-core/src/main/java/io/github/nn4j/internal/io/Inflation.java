package io.github.nn4j.internal.io;

/**
 * The limit on what a compressed input may inflate to, which keeps what a reader allocates
 * bounded by what it is given: at most {@link #MAX_RATIO} times the compressed bytes, plus
 * {@link #ALLOWANCE} for small inputs. Deflate reaches about 1000:1 on runs of one byte, while
 * real data sets and arrays shrink far less (Fashion-MNIST's gzip files about 2:1, random
 * weights hardly at all), so a larger ratio is taken for a compression bomb and refused, as
 * Apache POI refuses zip entries past 100:1.
 */
public final class Inflation {

    /** How many times its compressed size an input may inflate to, beyond {@link #ALLOWANCE}. */
    public static final int MAX_RATIO = 100;
    /** What any compressed input may inflate to, whatever its size: 1 MB. */
    public static final long ALLOWANCE = 1 << 20;

    private Inflation() {
    }

    /**
     * The most bytes {@code compressedBytes} may inflate to.
     *
     * @param compressedBytes the compressed size, at least 0
     * @return {@code MAX_RATIO × compressedBytes + ALLOWANCE}, saturating at {@code Long.MAX_VALUE}
     */
    public static long limit(long compressedBytes) {
        if (compressedBytes > (Long.MAX_VALUE - ALLOWANCE) / MAX_RATIO) {
            return Long.MAX_VALUE;
        }
        return compressedBytes * MAX_RATIO + ALLOWANCE;
    }
}
