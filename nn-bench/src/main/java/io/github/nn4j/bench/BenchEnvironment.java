package io.github.nn4j.bench;

import io.github.nn4j.internal.platform.NativeEnvironment;
import io.github.nn4j.platform.Nd4jBuild;
import io.github.nn4j.platform.Nn4jPlatform;
import io.github.nn4j.platform.PlatformPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The settings a benchmark ran with: machine, JVM, ND4J backend, BLAS vendor and the thread
 * settings of OpenMP (ND4J's own ops) and of the BLAS (GEMM), which decide the speed on small
 * machines.
 *
 * @param settings name → value, in print order
 */
public record BenchEnvironment(Map<String, String> settings) {

    /** Reads the current process's settings (initializes ND4J). */
    public static BenchEnvironment current() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cpu", cpuModel());
        s.put("cores (JVM)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        s.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        s.put("max heap MB", String.valueOf(Runtime.getRuntime().maxMemory() >> 20));
        s.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        s.put("nd4j", artifactVersion("org.nd4j", "nd4j-api") + " (" + Nd4j.getBackend().getClass().getSimpleName() + ")");
        s.put("deeplearning4j-nn", artifactVersion("org.deeplearning4j", "deeplearning4j-nn"));
        s.put("javacpp", artifactVersion("org.bytedeco", "javacpp"));
        s.put("BLAS vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        PlatformPlan plan = Nn4jPlatform.plan();
        s.put("OpenBLAS kernel (Nd4j.gemm)", Nn4jPlatform.activeKernel().orElse("?") + " — " + (plan.enabled()
                ? "from " + plan.kernelSource() + "; nn4j's choice for this CPU: "
                + (plan.bestKernel() == null ? "OpenBLAS's own detection" : plan.bestKernel()) : "nn4j's platform settings off"));
        s.put("libnd4j build (ND4J's own ops)", Nd4jBuild.loaded().map(Nd4jBuild::label).orElse("?") + " — "
                + Nn4jPlatform.nd4jBuild().describe().replace("libnd4j build: ", "chosen: "));
        s.put("OMP_WAIT_POLICY (as the native libraries read it)", passiveWaitPolicy() ? "PASSIVE"
                : NativeEnvironment.get("OMP_WAIT_POLICY").orElse("(unset)"));
        s.put("BLAS threads (Nd4j.factory().blas().getMaxThreads())", String.valueOf(Nd4j.factory().blas().getMaxThreads()));
        s.put("OpenMP max threads (ompGetMaxThreads)",
                String.valueOf(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()));
        Environment environment = Nd4j.getEnvironment();
        s.put("ND4J env maxThreads / maxMasterThreads", environment.maxThreads() + " / " + environment.maxMasterThreads());
        s.put("ND4J env elementwiseThreshold / tadThreshold",
                environment.elementwiseThreshold() + " / " + environment.tadThreshold());
        s.put("ND4J env debug / verbose / profiling", environment.isDebug() + " / " + environment.isVerbose() + " / "
                + environment.isProfiling());
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        for (String key : new String[] {"cores", "omp.threads", "blas.threads", "blas.vendor"}) {
            if (info.containsKey(key)) {
                s.put("ND4J executioner " + key, String.valueOf(info.get(key)));
            }
        }
        Map<String, String> threadVariables = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("OMP_") || name.startsWith("OPENBLAS_") || name.startsWith("GOMP_")
                    || name.startsWith("MKL_") || name.startsWith("ND4J_") || name.startsWith("KMP_")) {
                threadVariables.put(name, value);
            }
        });
        s.put("thread env vars at JVM start", threadVariables.isEmpty() ? "(none)" : threadVariables.toString());
        s.put("environment set by nn4j", plan.changesText());
        return new BenchEnvironment(s);
    }

    /**
     * Whether {@code OMP_WAIT_POLICY=PASSIVE} is in the C environment, where nn4j sets it and the
     * native libraries read it (without it, spinning OpenMP threads steal BLAS's cores).
     */
    public static boolean passiveWaitPolicy() {
        return NativeEnvironment.get("OMP_WAIT_POLICY").filter("PASSIVE"::equalsIgnoreCase).isPresent();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }

    private static String artifactVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = BenchEnvironment.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "?");
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }
}
