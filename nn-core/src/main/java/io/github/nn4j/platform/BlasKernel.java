package io.github.nn4j.platform;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An x86-64 kernel family of the OpenBLAS 0.3.19 that ND4J 1.0.0-M2.1 bundles, by the name
 * {@code OPENBLAS_CORETYPE} takes and {@code openblas_get_corename()} reports.
 *
 * <p>OpenBLAS runs a kernel named in {@code OPENBLAS_CORETYPE} without checking that the CPU can
 * execute it (an illegal instruction stops the JVM), so nn4j checks the flags it needs first.
 *
 * @param name     the name, e.g. {@code SkylakeX}
 * @param tier     4 for AVX-512 with BF16, 3 for AVX-512, 2 for AVX2, 1 for AVX, 0 for SSE: a
 *                 higher tier is faster for float32 GEMM on a CPU that runs both
 * @param requires the {@code /proc/cpuinfo} flags its code uses beyond x86-64's SSE2
 */
public record BlasKernel(String name, int tier, List<String> requires) {

    private static final List<String> AVX2 = List.of("avx", "avx2", "fma");
    private static final List<String> AVX512 = Stream.concat(AVX2.stream(), CpuInfo.AVX512_SUBSETS.stream()).toList();

    /** AVX-512 kernels; nn4j's choice where the CPU has every subset in {@link CpuInfo#AVX512_SUBSETS}. */
    public static final BlasKernel SKYLAKEX = new BlasKernel("SkylakeX", 3, AVX512);
    /** AVX2 and FMA kernels; nn4j's choice where the CPU has those but not AVX-512. */
    public static final BlasKernel HASWELL = new BlasKernel("Haswell", 2, AVX2);

    /** Every kernel name OpenBLAS 0.3.19 accepts on x86-64 (the 32-bit-only ones run as Prescott). */
    public static final List<BlasKernel> ALL = List.of(
            new BlasKernel("Cooperlake", 4, Stream.concat(AVX512.stream(), Stream.of("avx512_bf16")).toList()),
            SKYLAKEX,
            HASWELL,
            new BlasKernel("Zen", 2, AVX2),
            new BlasKernel("Excavator", 2, AVX2),
            new BlasKernel("Steamroller", 1, List.of("avx", "fma")),
            new BlasKernel("Piledriver", 1, List.of("avx", "fma")),
            new BlasKernel("Bulldozer", 1, List.of("avx", "fma4")),
            new BlasKernel("Sandybridge", 1, List.of("avx")),
            new BlasKernel("Nehalem", 0, List.of("ssse3", "sse4_1", "sse4_2")),
            new BlasKernel("Barcelona", 0, List.of("pni")),
            new BlasKernel("Bobcat", 0, List.of("ssse3")),
            new BlasKernel("Nano", 0, List.of("ssse3")),
            new BlasKernel("Atom", 0, List.of("ssse3")),
            new BlasKernel("Dunnington", 0, List.of("ssse3", "sse4_1")),
            new BlasKernel("Penryn", 0, List.of("ssse3", "sse4_1")),
            new BlasKernel("Core2", 0, List.of("ssse3")),
            new BlasKernel("Opteron_SSE3", 0, List.of("pni")),
            new BlasKernel("Opteron", 0, List.of()),
            new BlasKernel("Prescott", 0, List.of("pni")),
            new BlasKernel("Banias", 0, List.of()),
            new BlasKernel("Athlon", 0, List.of()),
            new BlasKernel("Northwood", 0, List.of()),
            new BlasKernel("Coppermine", 0, List.of()),
            new BlasKernel("Katmai", 0, List.of()));

    /** Copies the flags. */
    public BlasKernel {
        requires = List.copyOf(requires);
    }

    /**
     * The kernel of that name, as OpenBLAS matches it (ignoring case).
     *
     * @param name e.g. {@code skylakex}
     * @return the kernel, or empty if OpenBLAS 0.3.19 has none of that name
     */
    public static Optional<BlasKernel> named(String name) {
        return ALL.stream().filter(kernel -> kernel.name.equalsIgnoreCase(name.trim())).findFirst();
    }

    /**
     * nn4j's choice: {@link #SKYLAKEX} with every AVX-512 subset it uses, {@link #HASWELL} with
     * AVX2 and FMA, otherwise none (OpenBLAS's own detection).
     *
     * @param cpu the processor
     * @return the kernel, or empty to leave the choice to OpenBLAS
     */
    public static Optional<BlasKernel> bestFor(CpuInfo cpu) {
        if (!cpu.known()) {
            return Optional.empty();
        }
        return Stream.of(SKYLAKEX, HASWELL).filter(kernel -> cpu.hasAll(kernel.requires)).findFirst();
    }

    /**
     * Whether {@code cpu} can run this kernel.
     *
     * @param cpu the processor; an unknown one is assumed able (nothing to check against)
     * @return true unless a flag it needs is missing
     */
    public boolean runsOn(CpuInfo cpu) {
        return !cpu.known() || cpu.hasAll(requires);
    }

    /**
     * Whether this family has OpenBLAS's small-matrix GEMM kernels (SkylakeX, and Cooperlake, which
     * builds on it), taken for products up to 10⁶ multiply-adds without packing or threads. Without
     * them a one-row product is several times faster as GEMV than as GEMM (Haswell, 1×784 by
     * 784×256: 22 µs against 97 µs), with them GEMM is faster (10 µs against 17 µs).
     *
     * @return true for SkylakeX and Cooperlake
     */
    public boolean hasSmallMatrixGemm() {
        return tier >= SKYLAKEX.tier;
    }

    /** The names of all kernels, for messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(BlasKernel::name).toList());
    }
}
