package io.github.nn4j.platform;

import io.github.nn4j.platform.PlatformPlan.EnvChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules that turn a processor, the environment and nn4j's system properties into a
 * {@link PlatformPlan}. A pure function: it reads and changes nothing.
 *
 * <p>Precedence, for the kernel and for the wait policy alike: {@code -Dnn4j.platform=off}
 * (nothing is touched), then nn4j's system property, then the environment variable, then nn4j's
 * default (the fastest safe kernel, {@code PASSIVE}). Where the outcome is slower than what nn4j
 * would choose, the plan carries one warning naming the setting to change.
 */
public final class PlatformPolicy {

    /** OpenBLAS's variable for its kernel family. */
    public static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";
    /** The OpenMP runtime's variable for what idle threads do. */
    public static final String WAIT_POLICY_VARIABLE = "OMP_WAIT_POLICY";

    /**
     * Float32 GEMM 2048², 2 threads, in GFLOP/s, of ND4J M2.1's OpenBLAS 0.3.19 on an AMD EPYC
     * Zen 5 (family 26): the speed differences nn4j knows.
     */
    private static final Map<String, Double> ZEN5_GFLOPS = Map.of("Barcelona", 69.0, "Haswell", 206.0, "SkylakeX", 354.0);

    private PlatformPolicy() {
    }

    /**
     * Decides.
     *
     * @param cpu         the processor
     * @param environment the process environment (only {@value #CORETYPE_VARIABLE} and
     *                    {@value #WAIT_POLICY_VARIABLE} are read)
     * @param properties  the values of {@link Nn4jPlatform#SWITCH_PROPERTY},
     *                    {@link Nn4jPlatform#CORETYPE_PROPERTY} and
     *                    {@link Nn4jPlatform#WAIT_POLICY_PROPERTY}; absent keys are unset
     * @return the plan
     */
    public static PlatformPlan decide(CpuInfo cpu, Map<String, String> environment, Map<String, String> properties) {
        String onOff = blankToNull(properties.get(Nn4jPlatform.SWITCH_PROPERTY));
        if ("off".equalsIgnoreCase(onOff)) {
            return PlatformPlan.off(cpu);
        }
        List<String> warnings = new ArrayList<>();
        if (onOff != null && !onOff.equalsIgnoreCase("on")) {
            warnings.add("-D" + Nn4jPlatform.SWITCH_PROPERTY + "=" + onOff + " is neither 'on' nor 'off'; nn4j treats it as 'on'.");
        }
        List<EnvChange> changes = new ArrayList<>();
        BlasKernel best = BlasKernel.bestFor(cpu).orElse(null);
        Choice kernel = kernel(cpu, best, blankToNull(environment.get(CORETYPE_VARIABLE)),
                blankToNull(properties.get(Nn4jPlatform.CORETYPE_PROPERTY)), changes, warnings);
        Choice wait = waitPolicy(blankToNull(environment.get(WAIT_POLICY_VARIABLE)),
                blankToNull(properties.get(Nn4jPlatform.WAIT_POLICY_PROPERTY)), changes, warnings);
        return new PlatformPlan(true, cpu, best == null ? null : best.name(), kernel.value(), kernel.source(),
                wait.value(), wait.source(), changes, warnings);
    }

    /**
     * One decided setting.
     *
     * @param value  the kernel or wait policy, or {@code null} where the native library decides
     * @param source who chose it
     */
    private record Choice(String value, String source) {
    }

    private static Choice kernel(CpuInfo cpu, BlasKernel best, String fromEnvironment, String property,
                                   List<EnvChange> changes, List<String> warnings) {
        String propertyText = "-D" + Nn4jPlatform.CORETYPE_PROPERTY + "=" + property;
        if ("auto".equalsIgnoreCase(property)) {
            return auto(best, fromEnvironment, propertyText, changes);
        }
        if ("openblas".equalsIgnoreCase(property)) {
            if (fromEnvironment != null) {
                changes.add(new EnvChange(CORETYPE_VARIABLE, null));
            }
            return new Choice(null, "OpenBLAS's own detection, " + propertyText);
        }
        if (property != null) {
            Optional<BlasKernel> named = BlasKernel.named(property);
            if (named.isEmpty()) {
                warnings.add(propertyText + " is ignored: OpenBLAS 0.3.19 has no kernel of that name (it has "
                        + BlasKernel.names() + ", and nn4j also takes 'auto' and 'openblas').");
            } else if (!named.get().runsOn(cpu)) {
                warnings.add(propertyText + " is ignored: this CPU lacks " + String.join(", ", cpu.missing(named.get().requires()))
                        + ", which those kernels use (OpenBLAS would stop the JVM with an illegal instruction).");
                return auto(best, fromEnvironment, "nn4j's choice for this CPU, " + propertyText + " refused", changes);
            } else {
                BlasKernel chosen = named.get();
                if (!chosen.name().equalsIgnoreCase(fromEnvironment)) {
                    changes.add(new EnvChange(CORETYPE_VARIABLE, chosen.name()));
                }
                warnIfSlower(chosen, best, cpu, propertyText, "start the JVM with -D" + Nn4jPlatform.CORETYPE_PROPERTY
                        + "=auto instead", warnings);
                return new Choice(chosen.name(), propertyText);
            }
        }
        if (fromEnvironment != null) {
            String source = CORETYPE_VARIABLE + "=" + fromEnvironment + " in the environment";
            String fix = "start the JVM with -D" + Nn4jPlatform.CORETYPE_PROPERTY + "=auto (or without " + CORETYPE_VARIABLE + ")";
            Optional<BlasKernel> named = BlasKernel.named(fromEnvironment);
            if (named.isEmpty()) {
                warnings.add(source + " names no kernel of OpenBLAS 0.3.19, which then runs its slow generic x86-64 kernels: "
                        + fix + ".");
            } else if (!named.get().runsOn(cpu)) {
                warnings.add(source + " names kernels that use " + String.join(", ", cpu.missing(named.get().requires()))
                        + ", which this CPU lacks: OpenBLAS may stop the JVM with an illegal instruction. To fix it, " + fix + ".");
            } else {
                warnIfSlower(named.get(), best, cpu, source, fix, warnings);
            }
            return new Choice(named.map(BlasKernel::name).orElse(null), source);
        }
        return auto(best, null, "nn4j's choice for this CPU", changes);
    }

    private static Choice auto(BlasKernel best, String fromEnvironment, String source, List<EnvChange> changes) {
        if (best == null) {
            if (fromEnvironment != null) {
                changes.add(new EnvChange(CORETYPE_VARIABLE, null));
            }
            return new Choice(null, source + ": OpenBLAS's own detection (no AVX2 kernel fits this CPU)");
        }
        if (!best.name().equalsIgnoreCase(fromEnvironment)) {
            changes.add(new EnvChange(CORETYPE_VARIABLE, best.name()));
        }
        return new Choice(best.name(), source);
    }

    private static void warnIfSlower(BlasKernel kept, BlasKernel best, CpuInfo cpu, String source, String fix,
                                     List<String> warnings) {
        if (best != null && kept.tier() < best.tier()) {
            warnings.add("OpenBLAS runs its " + kept.name() + " kernels (" + source + "), but this CPU runs "
                    + best.name() + " kernels: " + speedNote(best.name(), kept.name(), cpu) + ". To use them, " + fix + ".");
        }
    }

    /**
     * What nn4j knows of the speed difference between two kernels.
     *
     * @param faster the better kernel
     * @param slower the other
     * @param cpu    the processor
     * @return e.g. {@code "~1.7× faster float32 GEMM than Haswell on this CPU (~354 vs ~206 GFLOP/s at 2048², 2 cores)"}
     */
    static String speedNote(String faster, String slower, CpuInfo cpu) {
        Double fast = ZEN5_GFLOPS.get(faster);
        Double slow = ZEN5_GFLOPS.get(slower);
        if (fast == null || slow == null) {
            return "faster float32 GEMM than " + slower + " (nn4j's doctor in nn-bench measures by how much)";
        }
        return String.format(Locale.ROOT, "~%.1f× faster float32 GEMM than %s %s (~%.0f vs ~%.0f GFLOP/s at 2048², 2 cores)",
                fast / slow, slower, cpu.isAmdZen5() ? "on this CPU" : "on an AMD Zen 5", fast, slow);
    }

    private static Choice waitPolicy(String fromEnvironment, String property, List<EnvChange> changes, List<String> warnings) {
        String passive = "-D" + Nn4jPlatform.WAIT_POLICY_PROPERTY + "=PASSIVE";
        if (property != null) {
            String value = property.toUpperCase(Locale.ROOT);
            String source = "-D" + Nn4jPlatform.WAIT_POLICY_PROPERTY + "=" + property;
            if (value.equals("PASSIVE") || value.equals("ACTIVE")) {
                if (!value.equalsIgnoreCase(fromEnvironment)) {
                    changes.add(new EnvChange(WAIT_POLICY_VARIABLE, value));
                }
                if (value.equals("ACTIVE")) {
                    warnings.add(spinning(source, "start the JVM with " + passive + " instead"));
                }
                return new Choice(value, source);
            }
            warnings.add(source + " is ignored: the OpenMP wait policy is PASSIVE or ACTIVE.");
        }
        if (fromEnvironment != null) {
            String source = WAIT_POLICY_VARIABLE + "=" + fromEnvironment + " in the environment";
            if (!fromEnvironment.equalsIgnoreCase("PASSIVE")) {
                warnings.add(spinning(source, "start the JVM with " + passive + " (or without " + WAIT_POLICY_VARIABLE + ")"));
            }
            return new Choice(fromEnvironment, source);
        }
        changes.add(new EnvChange(WAIT_POLICY_VARIABLE, "PASSIVE"));
        return new Choice("PASSIVE", "nn4j's default");
    }

    private static String spinning(String source, String fix) {
        return "OpenMP threads may spin while idle (" + source + ") and take the cores from OpenBLAS's threads: "
                + "training ran up to 3× slower that way on 2-core machines. To fix it, " + fix + ".";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
