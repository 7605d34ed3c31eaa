package io.github.nn4j.testing;

import java.lang.management.ManagementFactory;

/**
 * What a piece of code allocates on the current thread: heap bytes (everything allocated, garbage
 * included, so an upper bound of its heap growth; {@code com.sun.management.ThreadMXBean}) and the
 * growth of ND4J's off-heap count ({@link NativeMemory}), the latter also capped by a budget.
 * Classes loaded for the first time allocate far more than most code, so the code runs twice and
 * the second run is measured.
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    /**
     * What the code allocated, and what it threw.
     *
     * @param heapBytes    heap bytes allocated by the thread
     * @param offHeapBytes growth of ND4J's off-heap count
     * @param thrown       what the code threw, or {@code null}
     */
    public record Usage(long heapBytes, long offHeapBytes, Throwable thrown) {
    }

    /**
     * Runs {@code action} twice, the second time measured, with ND4J allowed {@code offHeapBudget}
     * more bytes than it holds.
     *
     * @param offHeapBudget the off-heap budget of each run
     * @param action        the code
     * @return the second run's usage
     */
    public static Usage measure(long offHeapBudget, NativeMemory.Action action) {
        once(offHeapBudget, action);
        return once(offHeapBudget, action);
    }

    private static Usage once(long offHeapBudget, NativeMemory.Action action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long offHeapBefore = NativeMemory.allocated();
        long heapBefore = threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            NativeMemory.withBudget(offHeapBudget, action);
        } catch (Throwable t) {
            thrown = t;
        }
        long heap = threads.getCurrentThreadAllocatedBytes() - heapBefore;
        return new Usage(heap, NativeMemory.allocated() - offHeapBefore, thrown);
    }
}
