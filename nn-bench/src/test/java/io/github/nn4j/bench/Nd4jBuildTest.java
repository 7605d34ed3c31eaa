package io.github.nn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.platform.CpuInfo;
import java.nio.file.Path;
import java.util.List;
import io.github.nn4j.platform.Nd4jBuild;
import io.github.nn4j.platform.Nd4jBuildChoice;
import io.github.nn4j.platform.Nn4jPlatform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * nn-bench carries the AVX2 and AVX-512 builds of libnd4j (on Linux x86-64): the build ND4J loads
 * here is the newest one this CPU runs, the one nn4j chose before ND4J loaded.
 */
class Nd4jBuildTest {

    @Test
    void theNewestBuildThisCpuRunsIsTheOneLoaded() {
        Nd4j.create(2, 2).addi(1);
        CpuInfo cpu = CpuInfo.current();
        Assumptions.assumeTrue(cpu.known() && Nn4jPlatform.plan().enabled(), "x86-64 Linux with nn4j's settings on");
        Nd4jBuildChoice choice = Nn4jPlatform.nd4jBuild();
        assertTrue(choice.present().contains(Nd4jBuild.AVX2) && choice.present().contains(Nd4jBuild.AVX512),
                "nn-bench's class path carries both builds: " + choice.describe());
        Nd4jBuild expected = Nd4jBuild.AVX512.runsOn(cpu) ? Nd4jBuild.AVX512
                : Nd4jBuild.AVX2.runsOn(cpu) ? Nd4jBuild.AVX2 : Nd4jBuild.GENERIC;
        assertEquals(expected, choice.build(), choice.describe());
        assertEquals(expected, Nd4jBuild.loaded().orElseThrow());
    }

    @Test
    void thePropertyLoadsTheBuildItNamesThoughNewerJarsArePresent() {
        CpuInfo cpu = CpuInfo.current();
        Assumptions.assumeTrue(cpu.known(), "x86-64 Linux");
        // left to itself JavaCPP would load the newest jar present; nn4j names the one to load
        assertEquals("LOADED generic", loadedInChildJvm("generic"));
        if (Nd4jBuild.AVX2.runsOn(cpu)) {
            assertEquals("LOADED avx2", loadedInChildJvm("avx2"));
        }
    }

    private static String loadedInChildJvm(String build) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ChildProcess child = ChildProcess.run(new ProcessBuilder(List.of(java.toString(), "-Dnn4j.nd4j.build=" + build,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())), 300);
        return child.output().lines().filter(line -> line.startsWith("LOADED ")).findFirst()
                .orElse("no LOADED line (exit " + child.exitCode() + "): " + child.output());
    }

    /** Loads ND4J and prints the libnd4j build the process mapped. */
    public static final class Probe {

        private Probe() {
        }

        /**
         * Prints {@code LOADED <build>}.
         *
         * @param args none
         */
        public static void main(String[] args) {
            Nd4j.create(2, 2).addi(1);
            System.out.println("LOADED " + Nd4jBuild.loaded().map(Nd4jBuild::label).orElse("?"));
        }
    }
}
