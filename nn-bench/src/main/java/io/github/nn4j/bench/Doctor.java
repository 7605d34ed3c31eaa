package io.github.nn4j.bench;

import io.github.nn4j.platform.BlasKernel;
import io.github.nn4j.platform.CpuInfo;
import io.github.nn4j.internal.platform.NativeEnvironment;
import io.github.nn4j.platform.Nd4jBuild;
import io.github.nn4j.platform.Nn4jPlatform;
import io.github.nn4j.internal.platform.OpenBlasInfo;
import io.github.nn4j.platform.PlatformPlan;
import io.github.nn4j.platform.PlatformPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What a user needs to know about this machine for nn4j: the CPU and its relevant flags, the
 * OpenBLAS build and the kernel it runs, thread counts and OpenMP's wait policy, a short GEMM
 * measurement, every candidate kernel measured in a child JVM, and the kernel and settings nn4j
 * recommends. About half a minute, from the repository root:
 * <pre>
 * mvn -q -pl nn-bench -am compile exec:java@bench -Dexec.mainClass=io.github.nn4j.bench.Doctor
 * </pre>
 * {@code -Dexec.args="--seconds 2"} measures each kernel longer (default 1 s).
 */
public final class Doctor {

    private Doctor() {
    }

    /**
     * Prints the report.
     *
     * @param args {@code --seconds S}: measuring time per kernel
     */
    public static void main(String[] args) {
        double seconds = args.length == 2 && args[0].equals("--seconds") ? Double.parseDouble(args[1]) : 1.0;
        CpuInfo cpu = CpuInfo.current();
        PlatformPlan plan = Nn4jPlatform.plan();
        System.out.println("# nn4j doctor");
        System.out.printf(Locale.ROOT, "CPU: %s (%s, family %d), %d cores for the JVM%n", cpu.modelName(),
                cpu.vendor().isEmpty() ? "?" : cpu.vendor(), cpu.family(), Runtime.getRuntime().availableProcessors());
        System.out.println("flags: " + (cpu.known() ? cpu.relevantFlags() : "unknown (not x86-64 Linux)"));
        System.out.println("system: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.println("environment at JVM start: OPENBLAS_CORETYPE=" + env("OPENBLAS_CORETYPE")
                + ", OMP_WAIT_POLICY=" + env("OMP_WAIT_POLICY") + "; properties: " + nn4jProperties());
        System.out.print(plan.describe());
        Map<String, String> withoutProperty = nn4jPropertyMap();
        withoutProperty.remove(Nn4jPlatform.CORETYPE_PROPERTY);
        PlatformPlan plain = PlatformPolicy.decide(cpu, System.getenv(), withoutProperty);
        System.out.println("a JVM here without -D" + Nn4jPlatform.CORETYPE_PROPERTY + " runs: "
                + Objects.requireNonNullElse(plain.expectedKernel(), "OpenBLAS's own detection") + " (" + plain.kernelSource() + ")");

        System.out.println(Nn4jPlatform.nd4jBuild().describe());
        Nd4j.create(DataType.FLOAT, 1, 1);
        System.out.println("libnd4j build loaded: " + Nd4jBuild.loaded().map(Nd4jBuild::classifier).orElse("?")
                + " (-Dnn4j.nd4j.build=generic|avx2|avx512 overrides nn4j's choice)");
        for (OpenBlasInfo blas : OpenBlasInfo.all()) {
            System.out.printf(Locale.ROOT, "OpenBLAS %s: kernel %s, %d threads [%s]%n", blas.library().getFileName(),
                    blas.coreName(), blas.threads(), blas.config());
        }
        System.out.printf(Locale.ROOT, "threads: OpenMP (ND4J's ops) %d, ND4J's BLAS %d; OMP_WAIT_POLICY as the native "
                        + "libraries read it: %s%n", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                Nd4j.factory().blas().getMaxThreads(), NativeEnvironment.get("OMP_WAIT_POLICY").orElse("(unset: spins)"));
        GemmProbe.Result here = new GemmProbe(seconds).measure("2048²", 2048, 2048, 2048, false, false, 'c');
        System.out.printf(Locale.ROOT, "GEMM float32 2048² in this JVM (%s): %.0f GFLOP/s median, best chunk %.0f%n%n",
                Nn4jPlatform.activeKernel().orElse("?"), here.gflops().median(), here.gflops().max());

        List<KernelProbe.Measurement> measured = new ArrayList<>();
        for (String kernel : candidates(cpu)) {
            System.err.println("… measuring " + (kernel == null ? "OpenBLAS's own detection" : kernel) + " in a child JVM");
            measured.add(KernelProbe.inChildJvm(kernel, seconds));
        }
        System.out.println("| OPENBLAS_CORETYPE (child JVM, OMP_WAIT_POLICY=PASSIVE) | GFLOP/s 2048² median [min–max] | × OpenBLAS's own |");
        System.out.println("|---|---:|---:|");
        Optional<Double> own = measured.stream().filter(m -> m.requested() == null && m.gflops() != null)
                .map(m -> m.gflops().median()).findFirst();
        for (KernelProbe.Measurement m : measured) {
            String mark = Objects.equals(m.requested(), plan.bestKernel()) ? " ← nn4j's choice" : "";
            System.out.println("| " + m.label() + mark + " | " + (m.gflops() == null ? m.failure()
                    : String.format(Locale.ROOT, "%.0f [%.0f–%.0f]", m.gflops().median(), m.gflops().min(), m.gflops().max()))
                    + " | " + (m.gflops() == null || own.isEmpty() ? "–"
                    : String.format(Locale.ROOT, "%.2f×", m.gflops().median() / own.get())) + " |");
        }
        System.out.println();
        recommend(plan, plain, measured);
    }

    /** nn4j's choice first, then the other kernels that run on this CPU and are worth knowing, then OpenBLAS's own. */
    private static List<String> candidates(CpuInfo cpu) {
        List<String> kernels = new ArrayList<>();
        BlasKernel.bestFor(cpu).ifPresent(best -> kernels.add(best.name()));
        if (cpu.known()) {
            for (String name : List.of("Cooperlake", "SkylakeX", "Haswell", "Zen")) {
                BlasKernel kernel = BlasKernel.named(name).orElseThrow();
                if (kernel.runsOn(cpu) && !kernels.contains(name)) {
                    kernels.add(name);
                }
            }
        }
        kernels.add(null);
        return kernels;
    }

    private static void recommend(PlatformPlan plan, PlatformPlan plain, List<KernelProbe.Measurement> measured) {
        String choice = plan.bestKernel();
        Optional<KernelProbe.Measurement> chosen = measured.stream()
                .filter(m -> Objects.equals(m.requested(), choice) && m.gflops() != null).findFirst();
        Optional<KernelProbe.Measurement> fastest = measured.stream().filter(m -> m.gflops() != null)
                .max(Comparator.comparingDouble(m -> m.gflops().median()));
        System.out.println("nn4j recommends: OpenBLAS kernel " + (choice == null ? "of OpenBLAS's own detection" : choice)
                + chosen.map(m -> String.format(Locale.ROOT, " (%.0f GFLOP/s here)", m.gflops().median())).orElse("")
                + " and OMP_WAIT_POLICY=PASSIVE. nn4j applies both by itself before ND4J loads; OPENBLAS_CORETYPE or "
                + "OMP_WAIT_POLICY in the environment win unless the JVM starts with -D" + Nn4jPlatform.CORETYPE_PROPERTY
                + "=auto (nn4j's own build does).");
        String plainKernel = plain.expectedKernel();
        if (choice != null && plainKernel != null && !plainKernel.equalsIgnoreCase(choice)) {
            Optional<KernelProbe.Measurement> plainMeasured = measured.stream()
                    .filter(m -> plainKernel.equalsIgnoreCase(m.requested()) && m.gflops() != null).findFirst();
            System.out.println("Here a JVM without that property runs " + plainKernel + " (" + plain.kernelSource() + ")"
                    + (chosen.isPresent() && plainMeasured.isPresent() ? String.format(Locale.ROOT, ", %.2f× slower GEMM",
                    chosen.get().gflops().median() / plainMeasured.get().gflops().median()) : "")
                    + ": start it with -D" + Nn4jPlatform.CORETYPE_PROPERTY + "=auto, or remove OPENBLAS_CORETYPE "
                    + "from the environment.");
        }
        if (chosen.isPresent() && fastest.isPresent() && fastest.get() != chosen.get()
                && fastest.get().gflops().median() > 1.15 * chosen.get().gflops().median()) {
            System.out.printf(Locale.ROOT, "Measured faster here: %s (%.0f vs %.0f GFLOP/s; single runs on a shared machine "
                            + "differ by up to 25%%, so repeat before relying on it). -D%s=%s selects it.%n",
                    fastest.get().label(), fastest.get().gflops().median(), chosen.get().gflops().median(),
                    Nn4jPlatform.CORETYPE_PROPERTY, Objects.requireNonNullElse(fastest.get().requested(), "openblas"));
        }
    }

    private static String env(String name) {
        return Objects.requireNonNullElse(System.getenv(name), "(unset)");
    }

    private static Map<String, String> nn4jPropertyMap() {
        Map<String, String> values = new HashMap<>();
        for (String name : List.of(Nn4jPlatform.SWITCH_PROPERTY, Nn4jPlatform.CORETYPE_PROPERTY, Nn4jPlatform.WAIT_POLICY_PROPERTY)) {
            Optional.ofNullable(System.getProperty(name)).ifPresent(value -> values.put(name, value));
        }
        return values;
    }

    private static String nn4jProperties() {
        Map<String, String> values = nn4jPropertyMap();
        return values.isEmpty() ? "(none)" : values.toString();
    }
}
