package io.github.nn4j.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to its end (or a time limit) with its output and errors collected in a
 * temporary file, for the benchmark's child JVMs and Python peers.
 *
 * @param exitCode the exit code, or -1 if it could not start or ran out of time
 * @param output   what it printed, on both streams
 */
public record ChildProcess(int exitCode, String output) {

    /**
     * Runs it.
     *
     * @param builder        the command and environment
     * @param timeoutSeconds the time limit, after which it is killed
     * @return its exit code and output
     */
    public static ChildProcess run(ProcessBuilder builder, int timeoutSeconds) {
        File log = null;
        try {
            log = File.createTempFile("nn4j-child", ".log");
            Process process = builder.redirectErrorStream(true).redirectOutput(log).start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            return finished ? new ChildProcess(process.exitValue(), output)
                    : new ChildProcess(-1, output + "\n(killed after " + timeoutSeconds + " s)");
        } catch (IOException e) {
            return new ChildProcess(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChildProcess(-1, "interrupted");
        } finally {
            if (log != null && !log.delete()) {
                log.deleteOnExit();
            }
        }
    }
}
