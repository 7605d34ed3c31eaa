package io.github.nn4j.fuzz;

import io.github.nn4j.testing.NativeMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pass criterion of every fuzz target: a reader given any bytes either reads them or throws a
 * documented exception — an {@link IOException} (nn4j's {@code ModelFormatException},
 * {@code DataFileException}, {@code NpyFormatException} or another) or an
 * {@link IllegalArgumentException} with a message — within a time limit per input, with its
 * off-heap and heap allocations bounded by a multiple of the input's size. Anything else (another
 * {@code RuntimeException}, an {@code Error} such as {@code OutOfMemoryError} or
 * {@code StackOverflowError}, ND4J refusing an allocation over the budget, a hang) fails the
 * input, and Jazzer keeps it as a finding.
 *
 * <p>The time limit is {@code -Dnn4j.fuzz.timeoutSeconds} (default 30: a read takes
 * milliseconds, but a shared machine can stall a JVM for seconds). Each read runs on one worker
 * thread, so that a hang is reported with its stack instead of blocking the fuzzer.
 */
final class FuzzHarness {

    /**
     * How long {@code mvn test} fuzzes each target (when {@code JAZZER_FUZZ} is set, as the
     * {@code fuzz} executions of nn-core's POM do); {@code fuzz.sh} runs longer from the command line.
     */
    static final String DURATION = "4s";

    /** Off-heap a read may take whatever its input: a model's small buffers, shape data. */
    private static final long OFF_HEAP_BASE = 4L << 20;
    /** Heap a read may allocate whatever its input, garbage included: parsers, zip tables, stream buffers. */
    private static final long HEAP_BASE = 16L << 20;
    private static final long TIMEOUT_SECONDS = Long.getLong("nn4j.fuzz.timeoutSeconds", 30);

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "fuzz-reader");
        thread.setDaemon(true);
        return thread;
    });

    /** ND4J's first use loads its native library and backend, some 90 MB of heap, once per JVM. */
    private static final Future<?> WARM_UP = WORKER.submit(() -> Nd4j.create(1).addi(1));
    private static volatile Thread workerThread;
    private static Path folder;

    private FuzzHarness() {
    }

    /**
     * Writes {@code bytes} to a scratch file (the same path for every input of a run).
     *
     * @param name   the file name, whose ending may matter to the reader
     * @param bytes  the contents
     * @return the file
     */
    static synchronized Path file(String name, byte[] bytes) {
        try {
            if (folder == null) {
                folder = Files.createTempDirectory("nn4j-fuzz");
                folder.toFile().deleteOnExit();
            }
            Path file = folder.resolve(name);
            Files.write(file, bytes);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code read} and checks the outcome.
     *
     * @param inputBytes the size of what the reader reads
     * @param expansion  how many bytes the reader may legitimately hold per input byte: 1 for raw
     *                   formats, more where the input is compressed
     * @param read       the read
     * @throws AssertionError when the outcome breaks the criterion
     */
    static void check(long inputBytes, long expansion, Callable<?> read) {
        long offHeapBudget = OFF_HEAP_BASE + 16 * expansion * inputBytes;
        long heapBudget = HEAP_BASE + 64 * expansion * inputBytes;
        Growth grown = measure(inputBytes, offHeapBudget, read);
        if (grown.classesLoaded() > 0) {
            // Loading (and, when fuzzing, instrumenting) classes allocates far more than any read;
            // the same read again, with its classes loaded, shows what the read itself takes.
            grown = measure(inputBytes, offHeapBudget, read);
        }
        if (grown.heap() > heapBudget) {
            throw new AssertionError("the read of " + inputBytes + " bytes allocated " + grown.heap() + " bytes of heap "
                    + "(budget " + heapBudget + ")");
        }
        if (grown.offHeap() > offHeapBudget) {
            throw new AssertionError("the read of " + inputBytes + " bytes left " + grown.offHeap() + " bytes off-heap "
                    + "(budget " + offHeapBudget + ")");
        }
    }

    /** What one read allocated: heap (garbage included) and off-heap bytes, and classes loaded meanwhile. */
    private record Growth(long heap, long offHeap, long classesLoaded) {
    }

    private static Growth measure(long inputBytes, long offHeapBudget, Callable<?> read) {
        try {
            WARM_UP.get();   // however long it takes: the time limit is for reads
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("ND4J did not load", e);
        }
        Future<Growth> outcome = WORKER.submit(() -> {
            workerThread = Thread.currentThread();
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            long heapBefore = threads.getCurrentThreadAllocatedBytes();
            long offHeapBefore = NativeMemory.allocated();
            NativeMemory.withBudget(offHeapBudget, () -> {
                try {
                    read.call();
                } catch (IOException e) {
                    // a documented rejection
                } catch (IllegalArgumentException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        throw new AssertionError("IllegalArgumentException without a message", e);
                    }
                }
            });
            return new Growth(threads.getCurrentThreadAllocatedBytes() - heapBefore,
                    NativeMemory.allocated() - offHeapBefore,
                    ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore);
        });
        try {
            return outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            AssertionError hang = new AssertionError("the read of " + inputBytes + " bytes took over "
                    + TIMEOUT_SECONDS + " s");
            hang.setStackTrace(workerThread.getStackTrace());
            throw hang;
        } catch (ExecutionException e) {
            throw new AssertionError("undocumented " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
