package io.github.nn4j.bench;

import io.github.nn4j.platform.Nn4jPlatform;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The float32 GEMM speed of one OpenBLAS kernel family, measured in a child JVM started with that
 * {@code OPENBLAS_CORETYPE} (OpenBLAS picks its kernel once per process, when ND4J loads it).
 * The child runs with {@code -Dnn4j.platform=off} and {@code OMP_WAIT_POLICY=PASSIVE}, so the
 * kernel is exactly the one asked for.
 */
public final class KernelProbe {

    /** The start of the child's result line. */
    static final String RESULT_PREFIX = "KERNEL-PROBE";
    private static final int SIZE = 2048;

    private KernelProbe() {
    }

    /**
     * One kernel's measurement.
     *
     * @param requested the {@code OPENBLAS_CORETYPE} the child got, or {@code null} for OpenBLAS's own detection
     * @param kernel    the kernel OpenBLAS reported in the child
     * @param gflops    GFLOP/s over timed chunks of 2048² products, or {@code null} if the child failed
     * @param failure   why it failed, or {@code null}
     */
    public record Measurement(String requested, String kernel, Stats gflops, String failure) {

        /** {@code "SkylakeX"}, or {@code "OpenBLAS's own (Barcelona)"}. */
        public String label() {
            return requested != null ? requested : "OpenBLAS's own (" + (kernel == null ? "?" : kernel) + ")";
        }
    }

    /**
     * Measures a kernel in a child JVM on this JVM's class path.
     *
     * @param kernel  the {@code OPENBLAS_CORETYPE} to start it with, or {@code null} for none
     * @param seconds how long the child measures (after loading ND4J, a few seconds)
     * @return the measurement, or one with a failure
     */
    public static Measurement inChildJvm(String kernel, double seconds) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "-D" + Nn4jPlatform.SWITCH_PROPERTY + "=off", KernelProbe.class.getName(),
                String.valueOf(seconds));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        if (kernel == null) {
            environment.remove("OPENBLAS_CORETYPE");
        } else {
            environment.put("OPENBLAS_CORETYPE", kernel);
        }
        environment.put("OMP_WAIT_POLICY", "PASSIVE");
        ChildProcess child = ChildProcess.run(builder, 120);
        for (String line : child.output().split("\n")) {
            if (line.startsWith(RESULT_PREFIX + " ")) {
                return parse(kernel, line);
            }
        }
        String tail = child.output().strip();
        return new Measurement(kernel, null, null, "exit code " + child.exitCode() + ", no result: "
                + tail.substring(Math.max(0, tail.length() - 200)));
    }

    static Measurement parse(String requested, String line) {
        Map<String, String> values = PythonPeers.keyValues(line);
        List<Double> chunks = new ArrayList<>();
        for (String value : values.getOrDefault("gflops", "").split(",")) {
            if (!value.isBlank()) {
                chunks.add(Double.valueOf(value));
            }
        }
        return chunks.isEmpty() ? new Measurement(requested, values.get("kernel"), null, "no figures")
                : new Measurement(requested, values.get("kernel"), Stats.of(chunks), null);
    }

    /**
     * This JVM's class path: the class loader's URLs under {@code mvn exec:java}, otherwise
     * {@code java.class.path}.
     *
     * @return the path, entries separated by the platform's separator
     */
    static String classPath() {
        if (KernelProbe.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    entries.add(url.getPath());
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /**
     * The child: measures {@code Nd4j.gemm} 2048² for the given seconds and prints
     * {@code KERNEL-PROBE kernel=<name> gflops=<chunk>,<chunk>,…}.
     *
     * @param args the seconds to measure
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        GemmProbe.Result result = new GemmProbe(seconds).measure("square " + SIZE, SIZE, SIZE, SIZE, false, false, 'c');
        List<String> chunks = result.gflops().samples().stream().map(g -> String.format(Locale.ROOT, "%.1f", g)).toList();
        System.out.println(RESULT_PREFIX + " kernel=" + Nn4jPlatform.activeKernel().orElse("?") + " gflops="
                + String.join(",", chunks));
    }
}
