package io.github.nn4j.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demos are user code: they use nn4j's API only, never an {@code io.github.nn4j.internal}
 * package (which nn-core keeps for nn4j's own modules: nn-spark, nn-onnx, nn-bench). And the
 * library jars the demos use, nn-core, nn-spark and nn-onnx, hold no demo: no class of theirs has
 * a {@code main} method; demos live here and benchmarks in nn-bench.
 */
class UsersSideOfTheFenceTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.nn4j");
    }

    @Test
    void theDemosUseNoInternalPackage() {
        noClasses().that().resideInAPackage("io.github.nn4j.examples..")
                .should().dependOnClassesThat().resideInAPackage("io.github.nn4j.internal..")
                .because("io.github.nn4j.internal is not API: users never need it, and it may change without notice")
                .check(classes);
    }

    @Test
    void noLibraryClassHasAMainMethod() {
        List<String> withMain = classes.stream().filter(type -> !type.getPackageName().startsWith("io.github.nn4j.examples"))
                .filter(type -> type.getMethods().stream().anyMatch(method -> method.getName().equals("main")
                        && method.getModifiers().contains(JavaModifier.STATIC)
                        && method.getRawParameterTypes().size() == 1
                        && method.getRawParameterTypes().get(0).isEquivalentTo(String[].class)))
                .map(JavaClass::getName).sorted().toList();
        assertEquals(List.of(), withMain, "demos go to nn-examples, benchmarks to nn-bench: nn-core, nn-spark and "
                + "nn-onnx are library jars");
        assertTrue(classes.stream().anyMatch(type -> type.getPackageName().equals("io.github.nn4j.spark"))
                && classes.stream().anyMatch(type -> type.getPackageName().equals("io.github.nn4j.onnx")),
                "the library classes are on the class path");
    }
}
