package io.github.nn4j.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * What nn4j decided about the native settings of this process, before ND4J loads: the OpenBLAS
 * kernel, OpenMP's wait policy, the environment variables to change and the warnings to log.
 *
 * @param enabled          false when {@code -Dnn4j.platform=off}: nothing is changed or logged
 * @param cpu              the processor the decision was made for
 * @param bestKernel       nn4j's choice for this CPU ({@code SkylakeX}, {@code Haswell}), or
 *                         {@code null} where nn4j knows none better than OpenBLAS's detection
 * @param expectedKernel   the kernel OpenBLAS should report once loaded, or {@code null} where
 *                         OpenBLAS detects it itself
 * @param kernelSource     who chose the kernel, e.g. {@code "nn4j's choice for this CPU"}
 * @param waitPolicy       the OpenMP wait policy the process will run with, or {@code null} if unknown
 * @param waitPolicySource who chose the wait policy
 * @param changes          the environment variables to set or unset, in order
 * @param warnings         what to log once as warnings: each names the setting to change
 */
public record PlatformPlan(boolean enabled, CpuInfo cpu, String bestKernel, String expectedKernel, String kernelSource,
                           String waitPolicy, String waitPolicySource, List<EnvChange> changes, List<String> warnings) {

    /** Copies the lists. */
    public PlatformPlan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /**
     * The plan of {@code -Dnn4j.platform=off}: no change, no warning.
     *
     * @param cpu the processor
     * @return the plan
     */
    public static PlatformPlan off(CpuInfo cpu) {
        return new PlatformPlan(false, cpu, null, null, "left alone (-Dnn4j.platform=off)", null,
                "left alone (-Dnn4j.platform=off)", List.of(), List.of());
    }

    /**
     * The settings as {@code NAME=value} words, e.g. {@code "OPENBLAS_CORETYPE=SkylakeX OMP_WAIT_POLICY=PASSIVE"}.
     *
     * @return the changes, or {@code "(none)"}
     */
    public String changesText() {
        List<String> words = new ArrayList<>();
        changes.forEach(change -> words.add(change.toString()));
        return words.isEmpty() ? "(none)" : String.join(" ", words);
    }

    /**
     * One line per decision, for reports such as the doctor's.
     *
     * @return the text, ending with a newline
     */
    public String describe() {
        if (!enabled) {
            return "nn4j platform settings: off (-Dnn4j.platform=off)\n";
        }
        return "OpenBLAS kernel: " + (expectedKernel == null ? "OpenBLAS's own detection" : expectedKernel)
                + " (" + kernelSource + "; best for this CPU: " + (bestKernel == null ? "OpenBLAS's own detection" : bestKernel) + ")\n"
                + "OpenMP wait policy: " + (waitPolicy == null ? "?" : waitPolicy) + " (" + waitPolicySource + ")\n"
                + "environment set by nn4j: " + changesText() + "\n";
    }

    /**
     * One environment variable to set, or to remove.
     *
     * @param name  the variable
     * @param value its new value, or {@code null} to remove it
     */
    public record EnvChange(String name, String value) {

        /** {@code NAME=value}, or {@code -NAME} for a removal. */
        @Override
        public String toString() {
            return value == null ? "-" + name : name + "=" + value;
        }
    }
}
