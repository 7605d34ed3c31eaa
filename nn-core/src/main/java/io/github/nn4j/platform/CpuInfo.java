package io.github.nn4j.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor as far as the choice of an OpenBLAS kernel needs it: vendor, family, model name
 * and the instruction-set flags.
 *
 * <p>On x86-64 Linux the values come from {@code /proc/cpuinfo}. Linux lists the AVX and AVX-512
 * flags there only when it also saves those registers on a context switch, which is the
 * operating-system support OpenBLAS checks itself; so a kernel whose flags are all listed is safe
 * to run. Elsewhere nothing is known ({@link #known()} is false) and nn4j leaves the kernel to
 * OpenBLAS.
 *
 * @param known     whether the values were read from an x86-64 Linux {@code /proc/cpuinfo}
 * @param vendor    e.g. {@code AuthenticAMD}, or empty
 * @param family    the CPU family number, e.g. 26 for AMD Zen 5, or -1
 * @param modelName e.g. {@code AMD EPYC 9B45}, or a description of the system when not known
 * @param flags     the instruction-set flags, lower case
 */
public record CpuInfo(boolean known, String vendor, int family, String modelName, Set<String> flags) {

    /** The AVX-512 subsets OpenBLAS's SkylakeX kernels are compiled for. */
    public static final List<String> AVX512_SUBSETS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    /** Copies the flags. */
    public CpuInfo {
        flags = Set.copyOf(flags);
    }

    /**
     * This machine's processor.
     *
     * @return the values of {@code /proc/cpuinfo} on x86-64 Linux, otherwise an unknown processor
     */
    public static CpuInfo current() {
        String arch = System.getProperty("os.arch", "");
        String system = System.getProperty("os.name", "") + " " + arch;
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!(arch.equals("amd64") || arch.equals("x86_64")) || !system.startsWith("Linux") || !Files.isReadable(cpuinfo)) {
            return unknown(system);
        }
        try {
            return parse(Files.readString(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return unknown(system + " (/proc/cpuinfo unreadable: " + e.getMessage() + ")");
        }
    }

    /**
     * Reads the first processor of a {@code /proc/cpuinfo} text (all processors of a machine
     * have the same flags).
     *
     * @param text the file's content
     * @return the processor; not {@link #known()} if the text has no {@code flags} line
     */
    public static CpuInfo parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() && !fields.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        if (!fields.containsKey("flags")) {
            return unknown("no flags in /proc/cpuinfo");
        }
        Set<String> flags = new TreeSet<>(List.of(fields.get("flags").toLowerCase(Locale.ROOT).split("\\s+")));
        int family;
        try {
            family = Integer.parseInt(fields.getOrDefault("cpu family", "-1"));
        } catch (NumberFormatException e) {
            family = -1;
        }
        return new CpuInfo(true, fields.getOrDefault("vendor_id", ""), family, fields.getOrDefault("model name", "?"), flags);
    }

    /**
     * A processor nothing is known of.
     *
     * @param description what the system is, for reports
     * @return the unknown processor
     */
    public static CpuInfo unknown(String description) {
        return new CpuInfo(false, "", -1, description, Set.of());
    }

    /**
     * Whether every one of {@code required} is among the flags.
     *
     * @param required flag names, lower case
     * @return true if none is missing
     */
    public boolean hasAll(Collection<String> required) {
        return flags.containsAll(required);
    }

    /**
     * The flags of {@code required} this processor lacks.
     *
     * @param required flag names, lower case
     * @return the missing ones, in the given order
     */
    public List<String> missing(Collection<String> required) {
        return required.stream().filter(flag -> !flags.contains(flag)).toList();
    }

    /** Whether this is an AMD Zen 5 (family 26), the processor nn4j's kernel speeds were measured on. */
    public boolean isAmdZen5() {
        return vendor.equals("AuthenticAMD") && family == 26;
    }

    /**
     * The flags that matter for the kernel choice, present or not, e.g.
     * {@code "avx2 fma avx512f … (no avx512_bf16)"}.
     *
     * @return a short text for reports
     */
    public String relevantFlags() {
        List<String> relevant = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq",
                "avx512vl", "avx512_bf16");
        List<String> present = relevant.stream().filter(flags::contains).toList();
        List<String> absent = missing(relevant);
        return String.join(" ", present) + (absent.isEmpty() ? "" : " (no " + String.join(", ", absent) + ")");
    }
}
