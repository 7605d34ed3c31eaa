package io.github.nn4j.internal.platform;

import java.util.function.LongSupplier;

/**
 * Waits for ND4J's off-heap memory to settle before it is measured. A dead ND4J array frees its
 * native buffer only after a garbage collection, so a count of off-heap bytes read right away
 * still holds garbage; this collects garbage until the count stops falling. For tests and
 * benchmarks that compare memory before and after some work.
 */
public final class OffHeapSettling {

    private OffHeapSettling() {
    }

    /**
     * Collects garbage and waits 50 ms, again and again, until {@code count} stops falling (after
     * at least three rounds), at most 40 rounds: about two seconds. An interrupt ends the wait
     * early and keeps the thread's interrupted flag.
     *
     * @param count the count to watch, e.g. ND4J's off-heap bytes
     * @return the count at the end
     */
    public static long settle(LongSupplier count) {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 40; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = count.getAsLong();
            if (now >= previous && i >= 2) {
                return now;
            }
            previous = now;
        }
        return count.getAsLong();
    }
}
