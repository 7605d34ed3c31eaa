package io.github.nn4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of nn-core, from the bottom up. A package may use packages of its own
 * level or below, never one above, and no areas form a cycle:
 * <pre>
 * Training     train                                               internal.train
 * Uses         persist (model files), eval, check, trace
 * Model        model                                               internal.model
 * Parts        layers, activations, losses, init, optim, data
 * Foundation   base, io (array files), platform (native settings)  internal.base, internal.io,
 *                                                                  internal.kernels, internal.platform
 * </pre>
 * An {@code internal.<area>} package is its area's half that is not API: public only for nn-core's
 * other packages and nn4j's own modules, it sits at its area's level and counts as part of its
 * area for cycles. The fence: no public signature of the API exposes an internal type (but for
 * the few listed in {@link #MAY_EXPOSE_INTERNALS}), and every internal package says it is not API.
 * The list of public types itself is {@link PublicApiTest}'s.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.nn4j";
    /** The levels, bottom up, with their packages below {@link #ROOT}. */
    private static final Map<String, List<String>> LEVELS = Map.of(
            "Foundation", List.of("base", "io", "platform", "internal.base", "internal.io", "internal.kernels",
                    "internal.platform"),
            "Parts", List.of("layers", "activations", "losses", "init", "optim", "data"),
            "Model", List.of("model", "internal.model"),
            "Uses", List.of("persist", "eval", "check", "trace"),
            "Training", List.of("train", "internal.train"));
    /** The words every internal package's documentation starts with. */
    static final String NOT_API = "Not API: for nn4j's own modules; may change without notice.";
    /**
     * The API members that may name an internal type, each for a reason: subclasses of
     * {@code TrainingSettingsBuilder} (nn-core's and nn-spark's trainer builders) get the checked
     * settings through this protected method, while users call only its public setters.
     */
    private static final Set<String> MAY_EXPOSE_INTERNALS = Set.of("TrainingSettingsBuilder.checkedSettings");
    /** A class's area: its package below the root, where {@code internal.train} counts as {@code train}. */
    private static final SliceAssignment AREAS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            if (!type.getPackageName().startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = type.getPackageName().substring(ROOT.length() + 1).split("\\.");
            return SliceIdentifier.of(parts[0].equals("internal") && parts.length > 1 ? parts[1] : parts[0]);
        }

        @Override
        public String getDescription() {
            return "areas of nn-core (an internal package counted with its area)";
        }
    };
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void aLowerPackageNeverUsesAHigherOne() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy(packages("Foundation"))
                .layer("Parts").definedBy(packages("Parts"))
                .layer("Model").definedBy(packages("Model"))
                .layer("Uses").definedBy(packages("Uses"))
                .layer("Training").definedBy(packages("Training"))
                .whereLayer("Training").mayNotBeAccessedByAnyLayer()
                .whereLayer("Uses").mayOnlyBeAccessedByLayers("Training")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Uses", "Training")
                .whereLayer("Parts").mayOnlyBeAccessedByLayers("Model", "Uses", "Training")
                .check(mainClasses);
    }

    @Test
    void everyPackageHasItsLevel() {
        String[] all = LEVELS.keySet().stream().flatMap(level -> Stream.of(packages(level))).toArray(String[]::new);
        classes().should().resideInAnyPackage(all)
                .as("every package of nn-core is on a level of ArchitectureTest.LEVELS (an internal one on its area's)")
                .check(mainClasses);
    }

    @Test
    void areasFormNoCycle() {
        slices().assignedFrom(AREAS).should().beFreeOfCycles().check(mainClasses);
    }

    @Test
    void foundationAreasKnowNothingOfEachOther() {
        for (String foundation : List.of("base", "io", "kernels", "platform")) {
            noClasses().that().resideInAnyPackage(ROOT + "." + foundation + "..", ROOT + ".internal." + foundation + "..")
                    .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + "." + foundation + "..",
                            ROOT + ".internal." + foundation + "..", "java..", "javax..", "org.nd4j..",
                            "org.bytedeco..", "org.slf4j..",
                            "com.sun.jna..") // platform calls the C library through JNA, which ND4J brings
                    .check(mainClasses);
        }
    }

    @Test
    void noPublicSignatureOfTheApiExposesAnInternalType() {
        List<String> exposed = new ArrayList<>();
        for (JavaClass type : mainClasses) {
            if (isInternal(type) || !isApi(type)) {
                continue;
            }
            type.getRawSuperclass().filter(ArchitectureTest::isInternal)
                    .ifPresent(superclass -> exposed.add(type.getName() + " extends " + superclass.getName()));
            type.getRawInterfaces().stream().filter(ArchitectureTest::isInternal)
                    .forEach(face -> exposed.add(type.getName() + " implements " + face.getName()));
            for (JavaMember member : type.getMembers()) {
                if (!visibleOutside(type, member.getModifiers())) {
                    continue;
                }
                Set<JavaClass> involved = new HashSet<>();
                if (member instanceof JavaCodeUnit unit) {
                    involved.addAll(unit.getAllInvolvedRawTypes());
                    involved.addAll(unit.getExceptionTypes());
                } else if (member instanceof JavaField field) {
                    involved.addAll(field.getType().getAllInvolvedRawTypes());
                }
                String name = type.getSimpleName() + "." + member.getName();
                involved.stream().filter(ArchitectureTest::isInternal).filter(internal -> !MAY_EXPOSE_INTERNALS.contains(name))
                        .forEach(internal -> exposed.add(member.getFullName() + " exposes " + internal.getName()));
            }
        }
        assertEquals(List.of(), exposed.stream().sorted().distinct().toList(), "API members with internal types in "
                + "their signature: keep the internal type out of the signature, or make the member package-private");
    }

    @Test
    void everyInternalPackageSaysItIsNotApi() throws IOException {
        Path internal = Path.of("src/main/java/io/github/nn4j/internal");
        try (Stream<Path> folders = Files.list(internal)) {
            List<String> undocumented = folders.filter(Files::isDirectory)
                    .filter(folder -> !read(folder.resolve("package-info.java")).contains(NOT_API))
                    .map(folder -> internal.relativize(folder).toString()).sorted().toList();
            assertEquals(List.of(), undocumented, "internal packages whose package-info.java lacks \"" + NOT_API + "\"");
        }
    }

    @Test
    void noClassUsesTheLibrariesNd4jShadesForItself() {
        // ND4J's internal copies (Jackson, Guava, protobuf under org.nd4j.shade) may move in any release.
        noClasses().should().dependOnClassesThat().resideInAPackage("org.nd4j.shade..").check(mainClasses);
    }

    @Test
    void traceAndTrainingNeverTestForConcreteLayersLossesOrOptimizers() {
        noClasses().that().resideInAnyPackage(ROOT + ".trace..", ROOT + ".train..")
                .should(testWithInstanceof(ROOT + ".layers", ROOT + ".losses", ROOT + ".optim"))
                .check(mainClasses);
    }

    @Test
    void noMainSourceFileIsLongerThan300Lines() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> lineCount(file) > 300)
                    .map(file -> sources.relativize(file) + " (" + lineCount(file) + " lines)")
                    .sorted().toList();
            assertEquals(List.of(), tooLong, "files over 300 lines");
        }
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith(ROOT + ".internal");
    }

    /** Whether users can name the type: public, and (if nested) inside types they can name. */
    static boolean isApi(JavaClass type) {
        if (!type.getModifiers().contains(JavaModifier.PUBLIC) || type.isAnonymousClass()) {
            return false;
        }
        return type.getEnclosingClass().map(ArchitectureTest::isApi).orElse(true);
    }

    /** Whether a user can reach a member: public, or protected in a class they may extend. */
    private static boolean visibleOutside(JavaClass type, Set<JavaModifier> modifiers) {
        if (modifiers.contains(JavaModifier.SYNTHETIC) || modifiers.contains(JavaModifier.BRIDGE)) {
            return false;
        }
        return modifiers.contains(JavaModifier.PUBLIC)
                || modifiers.contains(JavaModifier.PROTECTED) && !type.getModifiers().contains(JavaModifier.FINAL);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The packages of a level, each with its subpackages, as ArchUnit matches them. */
    private static String[] packages(String level) {
        return LEVELS.get(level).stream().map(name -> ROOT + "." + name + "..").toArray(String[]::new);
    }

    private static ArchCondition<JavaClass> testWithInstanceof(String... packages) {
        return new ArchCondition<>("test for a concrete class of " + String.join(", ", packages) + " with instanceof") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaCodeUnit unit : item.getCodeUnits()) {
                    unit.getInstanceofChecks().forEach(check -> {
                        JavaClass target = check.getRawType();
                        boolean concrete = !target.isInterface() && !target.getModifiers().contains(JavaModifier.ABSTRACT);
                        if (Stream.of(packages).anyMatch(target.getPackageName()::startsWith)) {
                            events.add(SimpleConditionEvent.satisfied(item, unit.getFullName() + " tests instanceof "
                                    + target.getSimpleName() + (concrete ? "" : " (abstract)") + " at line "
                                    + check.getLineNumber()));
                        }
                    });
                }
            }
        };
    }
}
