package io.github.nn4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of nn-core, from the bottom up. A package may use packages of its own
 * level or below, never one above, and no packages form a cycle:
 * <pre>
 * Training     train
 * Uses         persist (model files), eval, check, trace
 * Model        model
 * Parts        layers, activations, losses, init, optim, data
 * Foundation   base, io (array files), kernels, platform (native settings)
 * </pre>
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.nn4j";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void aLowerPackageNeverUsesAHigherOne() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy(packages("base", "io", "kernels", "platform"))
                .layer("Parts").definedBy(packages("layers", "activations", "losses", "init", "optim", "data"))
                .layer("Model").definedBy(packages("model"))
                .layer("Uses").definedBy(packages("persist", "eval", "check", "trace"))
                .layer("Training").definedBy(packages("train"))
                .whereLayer("Training").mayNotBeAccessedByAnyLayer()
                .whereLayer("Uses").mayOnlyBeAccessedByLayers("Training")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Uses", "Training")
                .whereLayer("Parts").mayOnlyBeAccessedByLayers("Model", "Uses", "Training")
                .check(classes);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void foundationPackagesKnowNothingOfEachOther() {
        for (String foundation : List.of("base", "io", "kernels", "platform")) {
            noClasses().that().resideInAPackage(ROOT + "." + foundation + "..")
                    .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + "." + foundation + "..",
                            "java..", "javax..", "org.nd4j..", "org.bytedeco..", "org.slf4j..",
                            "com.sun.jna..") // platform calls the C library through JNA, which ND4J brings
                    .check(classes);
        }
    }

    @Test
    void noClassUsesTheLibrariesNd4jShadesForItself() {
        // ND4J's internal copies (Jackson, Guava, protobuf under org.nd4j.shade) may move in any release.
        noClasses().should().dependOnClassesThat().resideInAPackage("org.nd4j.shade..").check(classes);
    }

    @Test
    void traceAndTrainingNeverTestForConcreteLayersLossesOrOptimizers() {
        noClasses().that().resideInAnyPackage(ROOT + ".trace..", ROOT + ".train..")
                .should(testWithInstanceof(ROOT + ".layers", ROOT + ".losses", ROOT + ".optim"))
                .check(classes);
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

    private static String[] packages(String... names) {
        return Stream.of(names).map(name -> ROOT + "." + name + "..").toArray(String[]::new);
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
