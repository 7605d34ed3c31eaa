package io.github.nn4j.onnx.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a fuzzed ONNX read must do to pass (the same rule as nn-core's fuzz targets): return, or
 * throw an {@link IOException} (normally {@code OnnxFormatException}) or an
 * {@link IllegalArgumentException} that has a message — within a time limit, with the heap it
 * allocates at most {@value #HEAP_BASE_MB} MB plus 64 bytes per input byte and its ND4J off-heap
 * growth at most {@value #OFF_HEAP_BASE_MB} MB plus 16 bytes per input byte. ND4J is told that
 * off-heap limit before the read, so an oversized allocation fails at once instead of taking the
 * memory. Any other exception, an {@code Error} (out of memory, stack overflow) or a hang fails.
 *
 * <p>The time limit is {@code -Dnn4j.fuzz.timeoutSeconds} (default 30 s; a read takes
 * milliseconds, but a busy machine can stall a JVM). Reads run on one daemon thread, so that a hang
 * is reported with the stack of the thread that hangs.
 */
final class OnnxFuzzHarness {

    /** How long {@code mvn test} fuzzes (its {@code fuzz} execution sets {@code JAZZER_FUZZ}). */
    static final String DURATION = "4s";

    private static final long HEAP_BASE_MB = 16;
    private static final long OFF_HEAP_BASE_MB = 4;
    private static final int HOST = 0;
    private static final long LIMIT_SECONDS = Long.getLong("nn4j.fuzz.timeoutSeconds", 30);

    private static final ExecutorService READER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "onnx-fuzz-reader");
        thread.setDaemon(true);
        return thread;
    });
    /** Loads ND4J's backend (tens of MB, once per JVM) before the first measured read. */
    private static final Future<?> ND4J_LOADED = READER.submit(() -> Nd4j.create(1).addi(1));
    private static volatile Thread readerThread;

    private OnnxFuzzHarness() {
    }

    /** Heap, off-heap and classes loaded during one read. */
    private record Usage(long heap, long offHeap, long classes) {
    }

    /**
     * Runs {@code read} of {@code size} input bytes and checks it as described above.
     *
     * @param size the input's length
     * @param read the read
     * @throws AssertionError when the read breaks the rule
     */
    static void check(long size, Callable<?> read) {
        long heapLimit = (HEAP_BASE_MB << 20) + 64 * size;
        long offHeapLimit = (OFF_HEAP_BASE_MB << 20) + 16 * size;
        Usage usage = run(size, offHeapLimit, read);
        if (usage.classes() > 0) {
            // Class loading (and Jazzer's instrumentation of the classes) is not the read's cost:
            // measure again, now that they are loaded.
            usage = run(size, offHeapLimit, read);
        }
        if (usage.heap() > heapLimit) {
            throw new AssertionError(size + " input bytes made the import allocate " + usage.heap()
                    + " heap bytes; allowed " + heapLimit);
        }
        if (usage.offHeap() > offHeapLimit) {
            throw new AssertionError(size + " input bytes made ND4J hold " + usage.offHeap()
                    + " more off-heap bytes; allowed " + offHeapLimit);
        }
    }

    private static Usage run(long size, long offHeapLimit, Callable<?> read) {
        try {
            ND4J_LOADED.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("ND4J failed to load", e);
        }
        Future<Usage> result = READER.submit(() -> measured(offHeapLimit, read));
        try {
            return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            AssertionError hang = new AssertionError("importing " + size + " bytes ran over " + LIMIT_SECONDS + " s");
            hang.setStackTrace(readerThread.getStackTrace());
            throw hang;
        } catch (ExecutionException e) {
            throw new AssertionError("undocumented outcome: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** On the reader thread: the read under ND4J's off-heap limit, and what it used. */
    private static Usage measured(long offHeapLimit, Callable<?> read) throws Exception {
        readerThread = Thread.currentThread();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var classLoading = ManagementFactory.getClassLoadingMXBean();
        Environment nd4j = Nd4j.getEnvironment();
        long classes = classLoading.getTotalLoadedClassCount();
        long heap = threads.getCurrentThreadAllocatedBytes();
        long offHeap = nd4j.getDeviceCouner(HOST);   // ND4J's spelling
        long oldLimit = nd4j.getDeviceLimit(HOST);
        nd4j.setDeviceLimit(HOST, offHeap + offHeapLimit);
        try {
            read.call();
        } catch (IOException rejected) {
            // the documented refusal
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("IllegalArgumentException with no message", e);
            }
        } finally {
            nd4j.setDeviceLimit(HOST, oldLimit);
        }
        return new Usage(threads.getCurrentThreadAllocatedBytes() - heap, nd4j.getDeviceCouner(HOST) - offHeap,
                classLoading.getTotalLoadedClassCount() - classes);
    }
}
