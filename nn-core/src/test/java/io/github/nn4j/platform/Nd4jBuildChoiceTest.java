package io.github.nn4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Nd4jBuildChoice}'s rules, and which build this test JVM (nn-core: no AVX jars) loaded. */
class Nd4jBuildChoiceTest {

    private static final CpuInfo AVX512_CPU = cpu(Stream.concat(Nd4jBuild.AVX512.requires().stream(),
            Stream.of("sse4_2")).toList());
    private static final CpuInfo AVX2_CPU = cpu(Nd4jBuild.AVX2.requires());
    private static final CpuInfo OLD_CPU = cpu(List.of("sse4_2", "avx"));
    private static final Set<Nd4jBuild> BOTH = EnumSet.of(Nd4jBuild.AVX2, Nd4jBuild.AVX512);

    private static CpuInfo cpu(List<String> flags) {
        return new CpuInfo(true, "AuthenticAMD", 26, "test CPU", Set.copyOf(flags));
    }

    @Test
    void theNewestBuildTheCpuRunsAndWhoseJarIsThereIsChosen() {
        Nd4jBuildChoice choice = Nd4jBuildChoice.decide(AVX512_CPU, BOTH, null, null);
        assertEquals(Nd4jBuild.AVX512, choice.build());
        assertEquals("-avx512", choice.extensionToSet());
        assertNull(choice.advice());
        assertEquals(Nd4jBuild.AVX2, Nd4jBuildChoice.decide(AVX2_CPU, BOTH, "auto", null).build());
        // JavaCPP alone would load the AVX-512 build, which this CPU cannot run: nn4j names the generic one
        assertEquals(Nd4jBuild.GENERIC, Nd4jBuildChoice.decide(OLD_CPU, BOTH, null, null).build());
        assertEquals("-generic", Nd4jBuildChoice.decide(OLD_CPU, BOTH, null, null).extensionToSet());
        assertEquals("-avx2", Nd4jBuildChoice.decide(AVX2_CPU, BOTH, null, null).extensionToSet());
    }

    @Test
    void aMissingJarFallsBackAndNamesTheDependencyThatWouldBeFaster() {
        Nd4jBuildChoice avx2Only = Nd4jBuildChoice.decide(AVX512_CPU, EnumSet.of(Nd4jBuild.AVX2), null, null);
        assertEquals(Nd4jBuild.AVX2, avx2Only.build());
        assertTrue(avx2Only.advice().contains("org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-avx512"), avx2Only.advice());
        Nd4jBuildChoice none = Nd4jBuildChoice.decide(AVX2_CPU, Set.of(), null, null);
        assertEquals(Nd4jBuild.GENERIC, none.build());
        assertNull(none.extensionToSet());
        assertTrue(none.advice().contains("linux-x86_64-avx2"), none.advice());
    }

    @Test
    void anUnknownCpuGetsTheGenericBuildWithoutAdvice() {
        Nd4jBuildChoice choice = Nd4jBuildChoice.decide(CpuInfo.unknown("Mac OS X aarch64"), Set.of(), null, null);
        assertEquals(Nd4jBuild.GENERIC, choice.build());
        assertNull(choice.extensionToSet(), "nothing to choose among");
        assertNull(choice.advice());
        assertEquals("-generic", Nd4jBuildChoice.decide(CpuInfo.unknown("?"), BOTH, null, null).extensionToSet());
    }

    @Test
    void theUsersJavacppExtensionIsKept() {
        Nd4jBuildChoice choice = Nd4jBuildChoice.decide(AVX512_CPU, BOTH, "avx512", "-avx2");
        assertEquals(Nd4jBuild.AVX2, choice.build());
        assertNull(choice.extensionToSet());
        assertTrue(choice.source().contains("-avx2 given"), choice.source());
    }

    @Test
    void theNn4jPropertyPicksABuildWhereItCanRunAndIsIgnoredWithAWarningElsewhere() {
        assertEquals(Nd4jBuild.GENERIC, Nd4jBuildChoice.decide(AVX512_CPU, BOTH, "generic", null).build());
        assertEquals("-generic", Nd4jBuildChoice.decide(AVX512_CPU, BOTH, "generic", null).extensionToSet());
        assertNull(Nd4jBuildChoice.decide(AVX512_CPU, Set.of(), "generic", null).extensionToSet());
        assertEquals("-avx2", Nd4jBuildChoice.decide(AVX512_CPU, BOTH, "AVX2", null).extensionToSet());

        Nd4jBuildChoice cannotRun = Nd4jBuildChoice.decide(AVX2_CPU, BOTH, "avx512", null);
        assertEquals(Nd4jBuild.AVX2, cannotRun.build());
        assertTrue(cannotRun.warnings().get(0).contains("lacks avx512f"), cannotRun.warnings().toString());
        Nd4jBuildChoice missing = Nd4jBuildChoice.decide(AVX512_CPU, EnumSet.of(Nd4jBuild.AVX2), "avx512", null);
        assertEquals(Nd4jBuild.AVX2, missing.build());
        assertTrue(missing.warnings().get(0).contains("not on the class path"), missing.warnings().toString());
        Nd4jBuildChoice unknown = Nd4jBuildChoice.decide(AVX512_CPU, BOTH, "fastest", null);
        assertEquals(Nd4jBuild.AVX512, unknown.build());
        assertTrue(unknown.warnings().get(0).contains("generic, avx2 and avx512"), unknown.warnings().toString());
    }

    @Test
    void theBuildLoadedHereIsTheOneNn4jChose() {
        Nd4j.create(2, 2).addi(1);
        org.junit.jupiter.api.Assumptions.assumeTrue(Nn4jPlatform.plan().enabled(), "-Dnn4j.platform=off");
        Nd4jBuildChoice choice = Nn4jPlatform.nd4jBuild();
        // nn-core's tests carry no AVX jars: the generic build, whatever the CPU
        assertEquals(Nd4jBuild.GENERIC, choice.build());
        Nd4jBuild.loaded().ifPresent(loaded -> assertEquals(Nd4jBuild.GENERIC, loaded));
    }
}
