package io.github.nn4j.kernels;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the one native thread setting that nn4j cannot make itself.
 *
 * <p>ND4J runs its own operations on an OpenMP thread pool and matrix products on OpenBLAS's
 * pool. With OpenMP's default wait policy the idle pool keeps spinning and takes the cores from
 * BLAS, and training runs several times slower on a small machine (measured figures are in
 * {@code docs/performance.md}). {@code OMP_WAIT_POLICY=PASSIVE} fixes it, but the OpenMP runtime
 * reads it once when ND4J loads, before any Java code could change it, so it has to be set in the
 * environment that starts the JVM. nn4j warns once per JVM when it is missing.
 */
public final class ThreadSettings {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadSettings.class);
    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private ThreadSettings() {
    }

    /**
     * Whether {@code OMP_WAIT_POLICY} is {@code PASSIVE} in this process's environment.
     *
     * @return true if idle OpenMP threads sleep instead of spinning
     */
    public static boolean passiveWaitPolicy() {
        return isPassive(System.getenv("OMP_WAIT_POLICY"));
    }

    /** Whether an {@code OMP_WAIT_POLICY} value means passive: {@code PASSIVE} in any case, spaces around allowed. */
    static boolean isPassive(String policy) {
        return policy != null && policy.trim().toUpperCase(Locale.ROOT).equals("PASSIVE");
    }

    /** Logs a warning, the first time only, if {@link #passiveWaitPolicy()} is false. */
    public static void warnOnceIfSpinning() {
        if (!passiveWaitPolicy() && CHECKED.compareAndSet(false, true)) {
            LOG.warn("OMP_WAIT_POLICY is not PASSIVE: idle OpenMP threads will spin against the BLAS threads "
                    + "and training can run several times slower on small machines. Start the JVM with "
                    + "OMP_WAIT_POLICY=PASSIVE in its environment.");
        }
    }
}
