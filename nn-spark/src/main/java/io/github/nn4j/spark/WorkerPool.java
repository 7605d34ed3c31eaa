package io.github.nn4j.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link Worker}s of each executor JVM, by run: a task borrows one (building it the first
 * time, so a model is rebuilt once per run and concurrent task thread, not once per step) and
 * gives it back. Only the latest runs are kept; the driver forgets a run when it ends, which in
 * local mode frees its workers at once.
 */
final class WorkerPool {

    private static final int KEPT_RUNS = 2;

    private static final Map<String, Deque<Worker>> POOLS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Worker>> eldest) {
            return size() > KEPT_RUNS;
        }
    };

    private static int nativeThreads;
    /** ND4J's operation and BLAS threads before the first change, or 0 before any. */
    private static int originalOperationThreads;
    private static int originalBlasThreads;

    private WorkerPool() {
    }

    /** A worker for {@code run}, built if none is free. */
    static Worker borrow(RunSpec run) {
        synchronized (POOLS) {
            Worker worker = POOLS.computeIfAbsent(run.id, id -> new ArrayDeque<>()).poll();
            if (worker != null) {
                return worker;
            }
            limitNativeThreads(run.nativeThreads);
        }
        return new Worker(run);
    }

    /** Gives a worker back after its task. */
    static void release(RunSpec run, Worker worker) {
        synchronized (POOLS) {
            Deque<Worker> pool = POOLS.get(run.id);
            if (pool != null) {
                pool.push(worker);
            }
        }
    }

    /** Drops the workers of a run that has ended. */
    static void forget(String runId) {
        synchronized (POOLS) {
            POOLS.remove(runId);
        }
    }

    /**
     * Sets this JVM's BLAS threads (and ND4J's operation threads, which ND4J 1.0.0-M2.1's native
     * side ignores: its {@code Environment.setMaxThreads} is a no-op there) once, when a run asks
     * for a number.
     */
    private static void limitNativeThreads(int threads) {
        if (threads > 0 && threads != nativeThreads) {
            if (originalOperationThreads == 0) {
                originalOperationThreads = Nd4j.getEnvironment().maxThreads();
                originalBlasThreads = Nd4j.factory().blas().getMaxThreads();
            }
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
            nativeThreads = threads;
        }
    }

    /**
     * Gives this JVM back the ND4J threads it had before a run limited them: in local mode the
     * executor is the driver's JVM, whose other work should not keep a training run's limit.
     */
    static void restoreNativeThreads() {
        synchronized (POOLS) {
            if (originalOperationThreads > 0) {
                Nd4j.getEnvironment().setMaxThreads(originalOperationThreads);
                Nd4j.factory().blas().setMaxThreads(originalBlasThreads);
                originalOperationThreads = 0;
                nativeThreads = 0;
            }
        }
    }
}
