package io.github.nn4j.testing;

import io.github.nn4j.internal.platform.OffHeapSettling;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's own count of the off-heap bytes its arrays hold (libnd4j's host-device counter,
 * {@code Environment.getDeviceCouner}), and a budget on it: inside {@link #withBudget} an
 * allocation that would take the count more than the budget above where it started fails with
 * ND4J's {@code RuntimeException("Allocation failed …")} before any memory is taken, so a test of a reader that asks for gigabytes fails instead of
 * killing the JVM. The count includes arrays that are garbage but not yet freed, so it can only
 * overstate what a reader keeps.
 */
public final class NativeMemory {

    private static final int HOST = 0;

    private NativeMemory() {
    }

    /** Code that may throw anything. */
    @FunctionalInterface
    public interface Action {
        /**
         * Runs it.
         *
         * @throws Exception whatever it throws
         */
        void run() throws Exception;
    }

    /**
     * Collects garbage until ND4J's count stops falling (a dead array frees its buffer only after
     * a collection), at most about two seconds.
     *
     * @return the count then
     */
    public static long settled() {
        return OffHeapSettling.settle(NativeMemory::allocated);
    }

    /** The bytes ND4J's arrays hold off-heap now. */
    public static long allocated() {
        return Nd4j.getEnvironment().getDeviceCouner(HOST);   // sic: ND4J's spelling
    }

    /**
     * Runs {@code action} with ND4J allowed at most {@code bytes} more off-heap than it holds now.
     *
     * @param bytes  the budget
     * @param action the code to run
     * @throws Exception what {@code action} throws, including ND4J's allocation failure
     */
    public static void withBudget(long bytes, Action action) throws Exception {
        Environment environment = Nd4j.getEnvironment();
        long previous = environment.getDeviceLimit(HOST);
        environment.setDeviceLimit(HOST, allocated() + bytes);
        try {
            action.run();
        } finally {
            environment.setDeviceLimit(HOST, previous);
        }
    }
}
