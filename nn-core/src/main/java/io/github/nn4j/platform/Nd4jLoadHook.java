package io.github.nn4j.platform;

import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.slf4j.LoggerFactory;

/**
 * The hook that runs {@link Nn4jPlatform#init()} before ND4J loads its native libraries. Not a
 * backend, though ND4J's discovery takes it for one.
 *
 * <p>ND4J initialises in the static initialiser of {@code Nd4j}: {@code Nd4jBackend.load()} asks
 * {@link java.util.ServiceLoader} for every {@code Nd4jBackend} listed in
 * {@code META-INF/services/org.nd4j.linalg.factory.Nd4jBackend} on the class path and constructs
 * them all; only then does it pick the available backend of highest priority, whose first native
 * call loads OpenBLAS and OpenMP. nn-core lists this class there, so its constructor runs first.
 * Its priority is the lowest and it reports itself unavailable, so ND4J never selects it.
 */
public final class Nd4jLoadHook extends Nd4jBackend {

    /** Far below ND4J's CPU (0) and GPU (100) backends, so that ND4J never reaches this one. */
    private static final int PRIORITY = -1_000_000;

    /** Called by ND4J's backend discovery: applies nn4j's native settings. Never throws. */
    public Nd4jLoadHook() {
        try {
            Nn4jPlatform.init();
        } catch (Throwable e) {
            // A constructor that throws here would stop ND4J from loading at all.
            LoggerFactory.getLogger(Nd4jLoadHook.class).warn("nn4j's native settings were not applied", e);
        }
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** Always false: this is not a backend. */
    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        throw notABackend();
    }

    @Override
    public Class getNDArrayClass() {
        throw notABackend();
    }

    @Override
    public Environment getEnvironment() {
        throw notABackend();
    }

    @Override
    public String buildInfo() {
        return "nn4j's hook for native settings, not a backend";
    }

    @Override
    public void logBackendInit() {
        // not a backend: nothing to log
    }

    private static UnsupportedOperationException notABackend() {
        return new UnsupportedOperationException("nn4j's Nd4jLoadHook is not an ND4J backend");
    }
}
