package io.github.nn4j.testing;

import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's own count of the off-heap bytes its arrays hold (libnd4j's host-device counter), and a
 * budget on it: inside {@link #withBudget} an allocation that would take the count more than the
 * budget above where it started fails with ND4J's {@code RuntimeException("Allocation failed …")}
 * before any memory is taken, so a test of a reader that asks for gigabytes fails instead of
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

    /** The bytes ND4J's arrays hold off-heap now. */
    public static long allocated() {
        Nd4j.getBackend();   // loads the native library
        return Nd4jCpu.Environment.getInstance().getDeviceCounter(HOST);
    }

    /**
     * Runs {@code action} with ND4J allowed at most {@code bytes} more off-heap than it holds now.
     *
     * @param bytes  the budget
     * @param action the code to run
     * @throws Exception what {@code action} throws, including ND4J's allocation failure
     */
    public static void withBudget(long bytes, Action action) throws Exception {
        Nd4jCpu.Environment environment = Nd4jCpu.Environment.getInstance();
        long previous = environment.getDeviceLimit(HOST);
        environment.setDeviceLimit(HOST, allocated() + bytes);
        try {
            action.run();
        } finally {
            environment.setDeviceLimit(HOST, previous);
        }
    }
}
