package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.persist.ModelFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training survives SIGKILL at any point: {@link KillableTraining} runs in a child JVM and is
 * killed ({@code Process.destroyForcibly}) in the middle of an epoch, in the middle of writing a
 * checkpoint (as soon as its temporary file appears, or a few milliseconds later) and right after
 * a checkpoint was saved; after every kill the checkpoint on disk must read, be the last one
 * completed, and the run is restarted, resuming from it. The final weights must be bitwise those
 * of a run never killed. The default run has four kills; {@code -Dnn4j.killTest.points=N} makes
 * N, drawn from a seeded generator, in as many chains of kills and resumes as they need (a chain
 * ends when its run finishes; each is compared with the uninterrupted run).
 */
class KillAndResumeTest {

    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    private enum Kind { MID_EPOCH, MID_WRITE, AFTER_SAVE }

    /** Where to kill: in epoch {@code epoch}, after {@code batch}, or {@code delayMillis} into its checkpoint's write. */
    private record KillPoint(Kind kind, int epoch, int batch, int delayMillis) {
        @Override
        public String toString() {
            return switch (kind) {
                case MID_EPOCH -> "epoch " + epoch + " after batch " + batch;
                case MID_WRITE -> "epoch " + epoch + "'s checkpoint write +" + delayMillis + " ms";
                case AFTER_SAVE -> "right after epoch " + epoch + "'s checkpoint";
            };
        }
    }

    @Test
    void killedRunsResumeFromTheirLastCheckpointToBitwiseTheWeightsOfAnUninterruptedRun() throws Exception {
        Path uninterrupted = Files.createDirectory(dir.resolve("uninterrupted"));
        new Child(uninterrupted).finish();
        byte[] expected = Files.readAllBytes(uninterrupted.resolve(KillableTraining.FINAL));

        int points = Integer.getInteger("nn4j.killTest.points", DEFAULT_POINTS.size());
        Random random = new Random(2024);
        List<String> log = new ArrayList<>();
        int kills = 0;
        int killedMidWrite = 0;
        for (int chain = 1; kills < points; chain++) {
            Path killed = Files.createDirectory(dir.resolve("killed-" + chain));
            for (int resumeAt = 1; kills < points && resumeAt <= KillableTraining.EPOCHS; ) {
                KillPoint point = points == DEFAULT_POINTS.size() ? DEFAULT_POINTS.get(kills)
                        : randomPoint(resumeAt, random);
                Set<Path> before = leftovers(killed);
                new Child(killed).killAt(point);
                kills++;
                boolean leftBehind = !before.containsAll(leftovers(killed));
                int saved = checkpointEpoch(killed);   // reads the checkpoint: it must be readable
                if (point.kind() == Kind.MID_WRITE && leftBehind) {
                    killedMidWrite++;
                    assertEquals(point.epoch() - 1, saved, "a write cut short must leave the previous checkpoint");
                }
                if (point.kind() == Kind.AFTER_SAVE) {
                    assertEquals(point.epoch(), saved);
                }
                log.add(String.format("chain %d, kill %2d at %-40s -> checkpoint of epoch %d%s", chain, kills, point,
                        saved, leftBehind ? " (temporary file left: killed inside the write)" : ""));
                resumeAt = saved + 1;
            }
            new Child(killed).finish();
            assertArrayEquals(expected, Files.readAllBytes(killed.resolve(KillableTraining.FINAL)),
                    "final weights of chain " + chain + " differ");
            assertEquals(Set.of(), leftovers(killed), "the finished run removes what killed writes left");
        }
        log.forEach(System.out::println);
        assertTrue(killedMidWrite > 0, "no kill landed inside a checkpoint write");
    }

    /** Kill in the first checkpoint's write, mid-epoch 2, in epoch 3's write, and right after epoch 4's checkpoint. */
    private static final List<KillPoint> DEFAULT_POINTS = List.of(new KillPoint(Kind.MID_WRITE, 1, 0, 0),
            new KillPoint(Kind.MID_EPOCH, 2, 5, 0), new KillPoint(Kind.MID_WRITE, 3, 0, 2),
            new KillPoint(Kind.AFTER_SAVE, 4, 0, 0));

    /** A point at or after the epoch a run resumes at, of a random kind. */
    private static KillPoint randomPoint(int resumeAt, Random random) {
        int epoch = Math.min(KillableTraining.EPOCHS, resumeAt + random.nextInt(2));
        Kind kind = Kind.values()[random.nextInt(3)];
        return new KillPoint(kind, epoch, 1 + random.nextInt(KillableTraining.BATCHES), random.nextInt(12));
    }

    /** The epoch of the checkpoint in {@code folder}, 0 when there is none; reading it checks it is whole. */
    private static int checkpointEpoch(Path folder) throws IOException {
        Path checkpoint = folder.resolve(KillableTraining.CHECKPOINT);
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        return (int) ModelFile.readAll(checkpoint).section(ModelFile.TRAINING).orElseThrow().integer("epoch");
    }

    private static Set<Path> leftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("." + KillableTraining.CHECKPOINT + "."))
                    .collect(Collectors.toSet());
        }
    }

    /** {@link KillableTraining} in a child JVM with the test's class path, its output lines in a queue. */
    private static final class Child {
        private final Path folder;
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Child(Path folder) throws IOException {
            this.folder = folder;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-Dnn4j.blas.coretype=" + System.getProperty("nn4j.blas.coretype", "auto"),
                    "-cp", System.getProperty("java.class.path"), KillableTraining.class.getName(), folder.toString())
                    .redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("output lost: " + e);
                }
                lines.add("<exit>");
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for {@code expected}; fails with the child's output when it ends or times out first. */
        void await(String expected) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("<exit>")) {
                    process.destroyForcibly();
                    throw new AssertionError("the child ended or stalled before '" + expected + "'; it said "
                            + seen.subList(Math.max(0, seen.size() - 30), seen.size()));
                }
                seen.add(line);
                if (line.equals(expected)) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            await("done");
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        }

        void killAt(KillPoint point) throws Exception {
            switch (point.kind()) {
                case MID_EPOCH -> await("batch " + point.epoch() + " " + point.batch());
                case AFTER_SAVE -> await("epoch " + point.epoch());
                case MID_WRITE -> {
                    Set<Path> old = leftovers(folder);
                    await("batch " + point.epoch() + " " + KillableTraining.BATCHES);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                    while (old.containsAll(leftovers(folder)) && lines.isEmpty() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();   // until the temporary file appears (or the epoch ends)
                    }
                    Thread.sleep(point.delayMillis());
                }
            }
            process.destroyForcibly();   // SIGKILL on Linux and macOS
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
