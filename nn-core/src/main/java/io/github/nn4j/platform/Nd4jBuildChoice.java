package io.github.nn4j.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which libnd4j build ({@link Nd4jBuild}) nn4j has JavaCPP load, and why. A pure decision: the
 * caller applies {@link #extensionToSet()} before ND4J loads.
 *
 * <p>Left to itself, JavaCPP loads the newest build whose jar is on the class path (ND4J's preset
 * names {@code -avx512}, then {@code -avx2}), whether or not the CPU runs it. So wherever such a
 * jar is present nn4j names the build to load: {@code -avx512} or {@code -avx2}, or for the
 * generic build {@value #GENERIC_EXTENSION}, an extension no jar has, after which JavaCPP falls
 * back to the plain build.
 *
 * <p>Rules: a platform extension the user gave JavaCPP ({@code -Dorg.bytedeco.javacpp.platform.extension}
 * or {@code -Djavacpp.platform.extension}) is kept; otherwise {@code -Dnn4j.nd4j.build=generic|avx2|avx512}
 * names the build, if its jar is there and the CPU runs it; otherwise ({@code auto}, the default)
 * the newest build the CPU runs whose jar is on the class path, the generic one when none is.
 *
 * @param build          the build that will load, or {@code null} where the user's extension decides
 * @param source         who chose it, e.g. {@code "nn4j's choice for this CPU"}
 * @param best           the newest build this CPU runs, present or not
 * @param present        the builds whose jars are on the class path
 * @param extensionToSet the extension to set, or {@code null} to set nothing
 * @param warnings       settings that were refused, each to log once as a warning
 * @param advice         the faster build's jar to add, to log once, or {@code null}
 */
public record Nd4jBuildChoice(Nd4jBuild build, String source, Nd4jBuild best, Set<Nd4jBuild> present,
                              String extensionToSet, List<String> warnings, String advice) {

    /** nn4j's system property naming the build. */
    public static final String PROPERTY = "nn4j.nd4j.build";
    /** JavaCPP's system property for the platform extension (what its loader reads). */
    public static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** JavaCPP's short form of it. */
    public static final String JAVACPP_EXTENSION_SHORT = "javacpp.platform.extension";
    /** The extension that makes JavaCPP load the generic build next to the others: one no jar has. */
    public static final String GENERIC_EXTENSION = "-generic";

    /** Copies the collections. */
    public Nd4jBuildChoice {
        present = Set.copyOf(present);
        warnings = List.copyOf(warnings);
    }

    /**
     * The choice of {@code -Dnn4j.platform=off}: nothing is set.
     *
     * @return the choice
     */
    public static Nd4jBuildChoice off() {
        return new Nd4jBuildChoice(null, "left alone (-Dnn4j.platform=off)", Nd4jBuild.GENERIC, Set.of(), null,
                List.of(), null);
    }

    /**
     * Decides.
     *
     * @param cpu           the processor
     * @param present       the builds whose jars are on the class path
     * @param property      the value of {@value #PROPERTY}, or {@code null}
     * @param userExtension a JavaCPP platform extension already set, or {@code null}
     * @return the choice
     */
    public static Nd4jBuildChoice decide(CpuInfo cpu, Set<Nd4jBuild> present, String property, String userExtension) {
        Nd4jBuild best = List.of(Nd4jBuild.AVX512, Nd4jBuild.AVX2).stream().filter(b -> b.runsOn(cpu)).findFirst()
                .orElse(Nd4jBuild.GENERIC);
        List<String> notes = new ArrayList<>();
        if (userExtension != null && !userExtension.isBlank()) {
            Nd4jBuild given = List.of(Nd4jBuild.values()).stream().filter(b -> b.extension().equals(userExtension.trim()))
                    .findFirst().orElse(null);
            return new Nd4jBuildChoice(given, "-D" + JAVACPP_EXTENSION + "=" + userExtension.trim() + " given",
                    best, present, null, notes, null);
        }
        String wanted = property == null || property.isBlank() ? "auto" : property.trim();
        if (!wanted.equalsIgnoreCase("auto")) {
            String text = "-D" + PROPERTY + "=" + wanted;
            Nd4jBuild named = Nd4jBuild.named(wanted).orElse(null);
            if (named == null) {
                notes.add(text + " is ignored: the builds are generic, avx2 and avx512 (or auto).");
            } else if (!named.runsOn(cpu)) {
                notes.add(text + " is ignored: this CPU lacks " + String.join(", ", cpu.missing(named.requires()))
                        + ", which that build uses.");
            } else if (!present.contains(named) && named != Nd4jBuild.GENERIC) {
                notes.add(text + " is ignored: its jar is not on the class path (add " + Nd4jBuild.ARTIFACT + ":"
                        + named.classifier() + ").");
            } else {
                return new Nd4jBuildChoice(named, text, best, present, extensionFor(named, present), notes, null);
            }
        }
        Nd4jBuild chosen = List.of(Nd4jBuild.AVX512, Nd4jBuild.AVX2).stream()
                .filter(b -> b.runsOn(cpu) && present.contains(b)).findFirst().orElse(Nd4jBuild.GENERIC);
        String advice = null;
        if (chosen != best) {
            advice = "ND4J runs its " + chosen.label() + " build of libnd4j; this CPU runs the " + best.label()
                    + " build, whose element-wise operations are faster: add the dependency " + Nd4jBuild.ARTIFACT
                    + ":" + best.classifier() + " (nn4j then loads it by itself).";
        }
        return new Nd4jBuildChoice(chosen, "nn4j's choice for this CPU and the jars present", best, present,
                extensionFor(chosen, present), notes, advice);
    }

    /** The extension that loads {@code build}; none where no other build's jar is there to avoid. */
    private static String extensionFor(Nd4jBuild build, Set<Nd4jBuild> present) {
        if (build != Nd4jBuild.GENERIC) {
            return build.extension();
        }
        return present.isEmpty() ? null : GENERIC_EXTENSION;
    }

    /** One line for reports such as the doctor's. */
    public String describe() {
        List<String> jars = present.stream().sorted().map(Nd4jBuild::label).toList();
        return "libnd4j build: " + (build == null ? "as JavaCPP's extension says" : build.label()) + " (" + source
                + "; best for this CPU: " + best.label() + "; builds on the class path: generic"
                + (jars.isEmpty() ? "" : ", " + String.join(", ", jars.stream().filter(j -> !j.equals("generic")).toList()))
                + ")";
    }
}
