package io.github.nn4j.platform;

import io.github.nn4j.internal.platform.NativeEnvironment;
import io.github.nn4j.internal.platform.OpenBlasInfo;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes ND4J's native libraries run at the speed of the machine: before they load, nn4j picks
 * the fastest OpenBLAS kernel family the CPU can safely run and sets {@code OMP_WAIT_POLICY=PASSIVE}
 * (idle OpenMP threads sleep instead of taking the cores from OpenBLAS).
 *
 * <p>It happens by itself (on Linux and macOS, where the C library's {@code setenv} is called
 * through JNA): nn-core registers {@link Nd4jLoadHook} with ND4J's backend discovery,
 * which calls {@link #init()} while ND4J initialises and before it loads anything native. There
 * is nothing to call and no precondition, as long as nn-core is on the class path of the class
 * loader ND4J uses. {@link #init()} is public for programs that load ND4J's native libraries by
 * another path than {@code Nd4j} (it must then run first).
 *
 * <p>The settings, all optional, are system properties read once when ND4J initialises: pass
 * them to the JVM as {@code -D} options:
 * <ul>
 * <li>{@value #SWITCH_PROPERTY}{@code =off}: nn4j changes nothing and logs nothing.</li>
 * <li>{@value #CORETYPE_PROPERTY}{@code =auto}: nn4j's choice even where {@code OPENBLAS_CORETYPE}
 *     names another kernel; {@code =openblas}: OpenBLAS's own detection; {@code =<name>}: that
 *     kernel, e.g. {@code Haswell}, if the CPU can run it. Unset: {@code OPENBLAS_CORETYPE} from
 *     the environment if there is one, otherwise nn4j's choice.</li>
 * <li>{@value #WAIT_POLICY_PROPERTY}{@code =PASSIVE|ACTIVE}: that policy. Unset:
 *     {@code OMP_WAIT_POLICY} from the environment if there is one, otherwise {@code PASSIVE}.</li>
 * <li>{@code nn4j.nd4j.build=auto|generic|avx2|avx512}: the build of ND4J's native library
 *     ({@link Nd4jBuildChoice}). Unset ({@code auto}): the newest build the CPU runs whose jar
 *     ({@code org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-avx512} or {@code -avx2}) is on the
 *     class path; a JavaCPP platform extension given by the user is kept.</li>
 * <li>{@value #ONE_ROW_GEMV_PROPERTY}{@code =true|false}: whether products with one row (a batch
 *     of one) call GEMV rather than GEMM. Unset: GEMV unless the kernel has small-matrix GEMM
 *     kernels (the AVX-512 families SkylakeX and Cooperlake).</li>
 * </ul>
 * A choice from the environment or a property is kept; where it is slower than nn4j's, one
 * warning says by how much and which setting to change.
 */
public final class Nn4jPlatform {

    /** The switch: {@code off} leaves every native setting alone. */
    public static final String SWITCH_PROPERTY = "nn4j.platform";
    /** The OpenBLAS kernel: {@code auto}, {@code openblas} or a kernel name such as {@code SkylakeX}. */
    public static final String CORETYPE_PROPERTY = "nn4j.blas.coretype";
    /** The OpenMP wait policy: {@code PASSIVE} or {@code ACTIVE}. */
    public static final String WAIT_POLICY_PROPERTY = "nn4j.omp.waitPolicy";
    /**
     * Whether one-row products (a batch of one) go to GEMV instead of GEMM: {@code true} or
     * {@code false}; nn4j sets it from the kernel it selects unless it is given.
     */
    public static final String ONE_ROW_GEMV_PROPERTY = "nn4j.blas.oneRowGemv";
    /**
     * Whether the kernel has OpenBLAS's small-matrix GEMM kernels, which nn4j's inference products
     * use for few rows: {@code true} or {@code false}; nn4j sets it from the kernel it selects.
     */
    public static final String SMALL_MATRIX_GEMM_PROPERTY = "nn4j.blas.smallMatrixGemm";

    private static final Logger LOG = LoggerFactory.getLogger(Nn4jPlatform.class);
    private static final AtomicBoolean CHECKED = new AtomicBoolean();
    private static PlatformPlan plan;
    private static Nd4jBuildChoice build = Nd4jBuildChoice.off();

    private Nn4jPlatform() {
    }

    /**
     * Decides and applies the settings, the first time only; logs each warning once.
     *
     * <p>Safe to call at any time; it only has an effect before ND4J's native libraries load,
     * and warns if they already have.
     *
     * @return the plan in force
     */
    public static synchronized PlatformPlan init() {
        if (plan != null) {
            return plan;
        }
        PlatformPlan decided = PlatformPolicy.decide(CpuInfo.current(), System.getenv(), properties());
        plan = decided;
        if (!decided.enabled()) {
            return decided;
        }
        chooseOneRowProduct(decided);
        decided.warnings().forEach(LOG::warn);
        chooseNd4jBuild(decided.cpu());
        if (decided.changes().isEmpty()) {
            return decided;
        }
        String system = System.getProperty("os.name", "");
        if (!system.startsWith("Linux") && !system.startsWith("Mac")) {
            LOG.debug("nn4j sets native settings on Linux and macOS only; on {} set {} in the environment", system,
                    decided.changesText());
            return decided;
        }
        if (OpenBlasInfo.nd4jNativesLoaded()) {
            LOG.warn("ND4J's native libraries were loaded before nn4j could set {}, so these settings have no effect. "
                    + "Call io.github.nn4j.platform.Nn4jPlatform.init() before ND4J's first use, or set them in the "
                    + "environment that starts the JVM.", decided.changesText());
            return decided;
        }
        try {
            for (PlatformPlan.EnvChange change : decided.changes()) {
                NativeEnvironment.set(change.name(), change.value());
            }
            LOG.debug("nn4j set {} before ND4J loads", decided.changesText());
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("nn4j could not set {} ({}); set them in the environment that starts the JVM.",
                    decided.changesText(), e.toString());
        }
        return decided;
    }

    /**
     * The plan in force ({@link #init()} if it has not run yet).
     *
     * @return the plan
     */
    public static PlatformPlan plan() {
        return init();
    }

    /**
     * Which libnd4j build nn4j had JavaCPP load ({@link Nd4jBuildChoice}); {@link #init()} if it has
     * not run yet.
     *
     * @return the choice ({@link Nd4jBuildChoice#off()} under {@code -Dnn4j.platform=off})
     */
    public static synchronized Nd4jBuildChoice nd4jBuild() {
        init();
        return build;
    }

    /**
     * The kernel family {@code Nd4j.gemm}'s OpenBLAS runs.
     *
     * @return e.g. {@code SkylakeX}, or empty before ND4J's first use or where it cannot be asked
     */
    public static Optional<String> activeKernel() {
        return OpenBlasInfo.nd4jGemm().map(OpenBlasInfo::coreName);
    }

    /**
     * Once per JVM, after ND4J has loaded: warns if OpenBLAS does not run the kernel nn4j chose
     * (ND4J's natives were loaded by another path first). The trainer calls it when it starts.
     */
    public static void checkOnce() {
        PlatformPlan current = init();
        if (!current.enabled() || current.expectedKernel() == null || !CHECKED.compareAndSet(false, true)) {
            return;
        }
        Optional<String> active = activeKernel();
        active.filter(current.expectedKernel()::equalsIgnoreCase).ifPresent(kernel ->
                LOG.debug("OpenBLAS runs its {} kernels ({})", kernel, current.kernelSource()));
        active.filter(kernel -> !kernel.equalsIgnoreCase(current.expectedKernel())).ifPresent(kernel ->
                LOG.warn("OpenBLAS runs its {} kernels, not {} ({}): ND4J's native libraries were loaded before nn4j's "
                        + "settings. Call io.github.nn4j.platform.Nn4jPlatform.init() before ND4J's first use, or start "
                        + "the JVM with OPENBLAS_CORETYPE={} in its environment.", kernel, current.expectedKernel(),
                        current.kernelSource(), current.expectedKernel()));
    }

    /**
     * Sets {@value #ONE_ROW_GEMV_PROPERTY} and {@value #SMALL_MATRIX_GEMM_PROPERTY}, which nn4j's
     * direct BLAS calls read, unless they are set: one-row products go to GEMV where the kernel has
     * no small-matrix GEMM ({@link BlasKernel#hasSmallMatrixGemm()}), and inference products of few
     * rows are split into small-matrix blocks where it has. Unknown kernel: left unset (GEMM, no split).
     */
    private static void chooseOneRowProduct(PlatformPlan decided) {
        if (decided.expectedKernel() == null) {
            return;
        }
        BlasKernel.named(decided.expectedKernel()).ifPresent(kernel -> {
            if (System.getProperty(ONE_ROW_GEMV_PROPERTY) == null) {
                System.setProperty(ONE_ROW_GEMV_PROPERTY, String.valueOf(!kernel.hasSmallMatrixGemm()));
            }
            if (System.getProperty(SMALL_MATRIX_GEMM_PROPERTY) == null) {
                System.setProperty(SMALL_MATRIX_GEMM_PROPERTY, String.valueOf(kernel.hasSmallMatrixGemm()));
            }
        });
    }

    /**
     * Picks the libnd4j build ({@link Nd4jBuildChoice#decide}) and sets JavaCPP's platform extension
     * for it, which JavaCPP reads when ND4J loads its native library.
     */
    private static void chooseNd4jBuild(CpuInfo cpu) {
        Set<Nd4jBuild> present = EnumSet.noneOf(Nd4jBuild.class);
        ClassLoader loader = Nn4jPlatform.class.getClassLoader();
        for (Nd4jBuild candidate : List.of(Nd4jBuild.AVX2, Nd4jBuild.AVX512)) {
            if (loader != null && candidate.present(loader)) {
                present.add(candidate);
            }
        }
        String given = System.getProperty(Nd4jBuildChoice.JAVACPP_EXTENSION,
                System.getProperty(Nd4jBuildChoice.JAVACPP_EXTENSION_SHORT));
        build = Nd4jBuildChoice.decide(cpu, present, System.getProperty(Nd4jBuildChoice.PROPERTY), given);
        build.warnings().forEach(LOG::warn);
        if (build.advice() != null) {
            LOG.info(build.advice());
        }
        if (build.extensionToSet() != null) {
            if (OpenBlasInfo.nd4jNativesLoaded()) {
                LOG.warn("ND4J's native libraries were loaded before nn4j could choose the {} build of libnd4j.",
                        build.build().label());
            } else {
                System.setProperty(Nd4jBuildChoice.JAVACPP_EXTENSION, build.extensionToSet());
            }
        }
    }

    private static Map<String, String> properties() {
        Map<String, String> values = new HashMap<>();
        for (String name : List.of(SWITCH_PROPERTY, CORETYPE_PROPERTY, WAIT_POLICY_PROPERTY)) {
            String value = System.getProperty(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }
}
