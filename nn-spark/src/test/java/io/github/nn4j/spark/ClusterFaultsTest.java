package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.model.Sequential;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults a cluster has, in Spark's local-cluster mode (a master and two workers in the driver's JVM,
 * each worker running one executor JVM of one core): an executor JVM dies in the middle of an epoch,
 * and the driver dies after a checkpoint (the drivers in their own JVMs run local-cluster with one
 * executor JVM each, to start fewer JVMs). With the fixed reduction order, both runs end bitwise where
 * the uninterrupted run ends.
 */
class ClusterFaultsTest {

    private static JavaSparkContext context;
    private static double[] uninterrupted;

    @BeforeAll
    static void start() {
        context = ClusterRun.context();
        Sequential model = ClusterRun.model();
        ClusterRun.builder(model).build().fit(ClusterRun.data(context));
        uninterrupted = ClusterRun.weights(model);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void anExecutorKilledInTheMiddleOfAnEpochChangesNothing(@TempDir Path directory) {
        String killed = directory.resolve("killed-executor").toString();
        Sequential model = ClusterRun.model();
        ClusterRun.builder(model).hook((epoch, batch, partition) -> {
            if (epoch == 2 && batch == 2 && partition == 1) {
                try {
                    Files.writeString(Path.of(killed), Long.toString(ProcessHandle.current().pid()),
                            StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException once) {
                    return;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                Runtime.getRuntime().halt(137);   // the executor's JVM ends here, as on kill -9
            }
        }).build().fit(ClusterRun.data(context));

        long pid = Long.parseLong(readString(Path.of(killed)));
        assertNotEquals(ProcessHandle.current().pid(), pid, "the task ran in an executor JVM");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "that executor is gone");
        assertArrayEquals(uninterrupted, ClusterRun.weights(model));
    }

    @Test
    void aNewDriverResumesFromTheCheckpointOfAKilledOneAndEndsAsTheUninterruptedRun(@TempDir Path directory)
            throws Exception {
        String uri = directory.toUri() + "checkpoints/run.nn4j";
        Path ready = directory.resolve("ready");
        Process first = driver(directory, "first", uri, ready);
        try {
            waitFor(ready, first, directory.resolve("first.log"));
            List<ProcessHandle> executors = new ArrayList<>(first.descendants().toList());
            first.destroyForcibly();                       // kill -9 of the driver
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first driver is gone");
            executors.forEach(ProcessHandle::destroyForcibly);
        } finally {
            first.descendants().forEach(ProcessHandle::destroyForcibly);
            first.destroyForcibly();
        }
        SparkCheckpoint left = SparkCheckpoint.read(uri, context.hadoopConfiguration());
        assertEquals(2, left.position().epoch(), "the checkpoint is within epoch 2");
        assertEquals(2, left.position().batches(), "after its step 2");
        assertEquals(2, left.position().partitions(), "in 2 partitions, as the uninterrupted run");

        Path weights = directory.resolve("weights");
        Process second = driver(directory, "resume", uri, weights);
        try {
            boolean ended = second.waitFor(600, TimeUnit.SECONDS);
            assertTrue(ended && second.exitValue() == 0, "the new driver finished: " + tail(directory.resolve(
                    "resume.log")));
        } finally {
            second.descendants().forEach(ProcessHandle::destroyForcibly);
            second.destroyForcibly();
        }
        assertArrayEquals(uninterrupted, read(weights, uninterrupted.length));
    }

    /** Starts {@link CheckpointedDriver} in a new JVM with this JVM's class path and Spark's module flags. */
    private static Process driver(Path directory, String mode, String uri, Path file) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("-XX:+IgnoreUnrecognized")
                    || argument.startsWith("-Djdk.reflect") || argument.startsWith("-Dnn4j.")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CheckpointedDriver.class.getName(), mode, uri, file.toString()));
        Path log = directory.resolve(mode + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitFor(Path ready, Process driver, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (!Files.exists(ready)) {
            assertTrue(driver.isAlive(), "the first driver ended early: " + tail(log));
            assertTrue(System.nanoTime() < deadline, "the first driver did not reach its checkpoint: " + tail(log));
            Thread.sleep(50);
        }
    }

    private static double[] read(Path file, int count) throws IOException {
        double[] values = new double[count];
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            for (int i = 0; i < count; i++) {
                values[i] = in.readDouble();
            }
            assertEquals(-1, in.read(), "no more values");
        }
        return values;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("the executor was not killed: " + e.getMessage(), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
