package io.github.nn4j.platform;

import io.github.nn4j.internal.platform.OpenBlasInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A build of libnd4j, ND4J's native library of element-wise operations, for one level of x86-64
 * instructions. nd4j-native 1.0.0-M2.1 publishes a generic build (classifier {@code linux-x86_64},
 * what {@code nd4j-native-platform} brings), an AVX2 build ({@code linux-x86_64-avx2}) and an
 * AVX-512 build ({@code linux-x86_64-avx512}). JavaCPP loads the one its system property
 * {@code org.bytedeco.javacpp.platform.extension} names ({@code -avx2}, {@code -avx512}), falling
 * back to the generic one where no jar has that extension; without the property it loads the
 * newest build present, whether or not the CPU runs it ({@link Nd4jBuildChoice} always names one). GEMM is the same in all three (they
 * call the same OpenBLAS); ND4J's own operations (bias, activations, reductions at large sizes)
 * run faster in the newer builds.
 *
 * <p>The flags each build needs are those of the compiler targets it was built for
 * ({@code -march=haswell}, {@code -march=skylake-avx512}) that {@code /proc/cpuinfo} reports.
 */
public enum Nd4jBuild {
    /** The generic x86-64 build, which runs everywhere. */
    GENERIC("", List.of()),
    /** Built for AVX2 and FMA ({@code -march=haswell}). */
    AVX2("-avx2", List.of("avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "movbe", "popcnt")),
    /** Built for AVX-512 ({@code -march=skylake-avx512}). */
    AVX512("-avx512", Stream.concat(AVX2.requires.stream(), CpuInfo.AVX512_SUBSETS.stream()).toList());

    /** JavaCPP's platform of the builds nn4j chooses among. */
    public static final String PLATFORM = "linux-x86_64";
    /** ND4J's Maven coordinates of a build, without the classifier's extension. */
    public static final String ARTIFACT = "org.nd4j:nd4j-native:1.0.0-M2.1";

    private final String extension;
    private final List<String> requires;

    Nd4jBuild(String extension, List<String> requires) {
        this.extension = extension;
        this.requires = requires;
    }

    /** JavaCPP's platform extension that loads it: {@code ""}, {@code -avx2} or {@code -avx512}. */
    public String extension() {
        return extension;
    }

    /** The {@code /proc/cpuinfo} flags it needs. */
    public List<String> requires() {
        return requires;
    }

    /** {@code generic}, {@code avx2} or {@code avx512}: the name {@code -Dnn4j.nd4j.build} takes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Maven classifier of its jar, e.g. {@code linux-x86_64-avx512}. */
    public String classifier() {
        return PLATFORM + extension;
    }

    /**
     * Whether {@code cpu} runs it.
     *
     * @param cpu the processor; where nothing is known of it, only the generic build
     * @return true if every flag it needs is there
     */
    public boolean runsOn(CpuInfo cpu) {
        return this == GENERIC || cpu.known() && cpu.hasAll(requires);
    }

    /**
     * Whether its native library is on the class path of {@code loader} (its jar is there). Looks
     * the resource up; nothing is loaded or unpacked.
     *
     * @param loader the class loader ND4J loads from
     * @return true if JavaCPP would find it
     */
    public boolean present(ClassLoader loader) {
        return loader.getResource("org/nd4j/linalg/cpu/nativecpu/bindings/" + classifier() + "/libnd4jcpu.so") != null;
    }

    /**
     * The build of that name.
     *
     * @param label {@code generic}, {@code avx2} or {@code avx512}, any case
     * @return the build, or empty
     */
    public static Optional<Nd4jBuild> named(String label) {
        return Stream.of(values()).filter(build -> build.label().equalsIgnoreCase(label.trim())).findFirst();
    }

    /**
     * The build whose {@code libnd4jcpu} this process has loaded, from {@code /proc/self/maps}.
     *
     * @return the build, or empty before ND4J's first use or where it cannot be seen
     */
    public static Optional<Nd4jBuild> loaded() {
        for (Path path : OpenBlasInfo.mappedFiles()) {
            if (path.getFileName().toString().startsWith("libnd4jcpu") && path.getParent() != null) {
                String directory = path.getParent().getFileName().toString();
                for (Nd4jBuild build : List.of(AVX512, AVX2, GENERIC)) {
                    if (directory.equals(build.classifier())) {
                        return Optional.of(build);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
