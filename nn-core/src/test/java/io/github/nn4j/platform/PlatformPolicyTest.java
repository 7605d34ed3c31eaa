package io.github.nn4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.platform.PlatformPlan.EnvChange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlatformPolicyTest {

    private static final Set<String> SSE = Set.of("sse2", "pni", "ssse3", "sse4_1", "sse4_2");
    private static final CpuInfo ZEN5 = new CpuInfo(true, "AuthenticAMD", 26, "AMD EPYC", union(SSE,
            Set.of("avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16")));
    private static final CpuInfo ZEN3 = new CpuInfo(true, "AuthenticAMD", 25, "AMD EPYC 7B13", union(SSE,
            Set.of("avx", "avx2", "fma")));
    private static final CpuInfo OLD = new CpuInfo(true, "GenuineIntel", 6, "Intel Core 2", SSE);
    private static final EnvChange PASSIVE = new EnvChange("OMP_WAIT_POLICY", "PASSIVE");

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    private static PlatformPlan decide(CpuInfo cpu, Map<String, String> environment, Map<String, String> properties) {
        return PlatformPolicy.decide(cpu, environment, properties);
    }

    @Test
    void withNothingSetNn4jChoosesSkylakeXWhereEveryAvx512SubsetIsThere() {
        PlatformPlan plan = decide(ZEN5, Map.of(), Map.of());
        assertEquals("SkylakeX", plan.expectedKernel());
        assertEquals(List.of(new EnvChange("OPENBLAS_CORETYPE", "SkylakeX"), PASSIVE), plan.changes());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void withoutAvx512Nn4jChoosesHaswellAndWithoutAvx2LeavesItToOpenBlas() {
        assertEquals("Haswell", decide(ZEN3, Map.of(), Map.of()).expectedKernel());
        CpuInfo noVl = new CpuInfo(true, "GenuineIntel", 6, "AVX-512 without VL", union(ZEN3.flags(),
                Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq")));
        assertEquals("Haswell", decide(noVl, Map.of(), Map.of()).expectedKernel());
        PlatformPlan old = decide(OLD, Map.of(), Map.of());
        assertNull(old.expectedKernel());
        assertEquals(List.of(PASSIVE), old.changes());
    }

    @Test
    void anUnknownProcessorKeepsOpenBlasDetectionButStillGetsThePassivePolicy() {
        PlatformPlan plan = decide(CpuInfo.unknown("Mac OS X aarch64"), Map.of(), Map.of());
        assertNull(plan.expectedKernel());
        assertEquals(List.of(PASSIVE), plan.changes());
    }

    @Test
    void aKernelFromTheEnvironmentIsKeptWithOneWarningNamingTheFixAndTheSpeed() {
        PlatformPlan plan = decide(ZEN5, Map.of("OPENBLAS_CORETYPE", "Haswell"), Map.of());
        assertEquals("Haswell", plan.expectedKernel());
        assertEquals("SkylakeX", plan.bestKernel());
        assertEquals(List.of(PASSIVE), plan.changes());
        assertEquals(1, plan.warnings().size());
        String warning = plan.warnings().get(0);
        assertTrue(warning.contains("-Dnn4j.blas.coretype=auto"), warning);
        assertTrue(warning.contains("~1.7× faster float32 GEMM than Haswell on this CPU"), warning);
    }

    @Test
    void theEnvironmentNamingTheBestKernelInAnyCaseNeedsNoChangeAndNoWarning() {
        PlatformPlan plan = decide(ZEN5, Map.of("OPENBLAS_CORETYPE", "skylakex", "OMP_WAIT_POLICY", "passive"), Map.of());
        assertEquals("SkylakeX", plan.expectedKernel());
        assertEquals(List.of(), plan.changes());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void autoOverridesTheEnvironment() {
        PlatformPlan plan = decide(ZEN5, Map.of("OPENBLAS_CORETYPE", "Haswell"), Map.of("nn4j.blas.coretype", "auto"));
        assertEquals("SkylakeX", plan.expectedKernel());
        assertEquals(List.of(new EnvChange("OPENBLAS_CORETYPE", "SkylakeX"), PASSIVE), plan.changes());
        assertEquals(List.of(), plan.warnings());
    }

    @Test
    void autoOnAProcessorWithoutAvx2RemovesTheVariableForOpenBlasToDetect() {
        PlatformPlan plan = decide(OLD, Map.of("OPENBLAS_CORETYPE", "Haswell"), Map.of("nn4j.blas.coretype", "AUTO"));
        assertNull(plan.expectedKernel());
        assertEquals(List.of(new EnvChange("OPENBLAS_CORETYPE", null), PASSIVE), plan.changes());
    }

    @Test
    void aNamedKernelIsSetAndASlowerOneWarns() {
        PlatformPlan plan = decide(ZEN5, Map.of(), Map.of("nn4j.blas.coretype", "haswell"));
        assertEquals("Haswell", plan.expectedKernel());
        assertEquals(new EnvChange("OPENBLAS_CORETYPE", "Haswell"), plan.changes().get(0));
        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).contains("-Dnn4j.blas.coretype=auto instead"), plan.warnings().get(0));
    }

    @Test
    void aNamedKernelTheCpuCannotRunIsRefusedForNn4jsChoice() {
        PlatformPlan plan = decide(ZEN3, Map.of(), Map.of("nn4j.blas.coretype", "SkylakeX"));
        assertEquals("Haswell", plan.expectedKernel());
        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).contains("lacks avx512f, avx512cd, avx512bw, avx512dq, avx512vl"),
                plan.warnings().get(0));
    }

    @Test
    void anUnknownKernelNameIsIgnoredWithAWarning() {
        PlatformPlan plan = decide(ZEN5, Map.of("OPENBLAS_CORETYPE", "Haswell"), Map.of("nn4j.blas.coretype", "Zen5"));
        assertEquals("Haswell", plan.expectedKernel());
        assertTrue(plan.warnings().get(0).contains("no kernel of that name"), plan.warnings().get(0));
    }

    @Test
    void anEnvironmentKernelTheCpuCannotRunIsKeptButWarnedAbout() {
        PlatformPlan plan = decide(ZEN3, Map.of("OPENBLAS_CORETYPE", "SkylakeX"), Map.of());
        assertEquals("SkylakeX", plan.expectedKernel());
        assertEquals(List.of(PASSIVE), plan.changes());
        assertTrue(plan.warnings().get(0).contains("illegal instruction"), plan.warnings().get(0));
    }

    @Test
    void aSpinningWaitPolicyFromTheEnvironmentIsKeptWithAWarningUnlessThePropertySaysPassive() {
        PlatformPlan kept = decide(ZEN5, Map.of("OMP_WAIT_POLICY", "ACTIVE"), Map.of());
        assertEquals("ACTIVE", kept.waitPolicy());
        assertFalse(kept.changes().contains(PASSIVE));
        assertTrue(kept.warnings().get(0).contains("-Dnn4j.omp.waitPolicy=PASSIVE"), kept.warnings().get(0));

        PlatformPlan overridden = decide(ZEN5, Map.of("OMP_WAIT_POLICY", "ACTIVE"), Map.of("nn4j.omp.waitPolicy", "passive"));
        assertEquals("PASSIVE", overridden.waitPolicy());
        assertTrue(overridden.changes().contains(PASSIVE));
        assertEquals(List.of(), overridden.warnings());
    }

    @Test
    void theSwitchTurnsEverythingOff() {
        PlatformPlan plan = decide(ZEN5, Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_WAIT_POLICY", "ACTIVE"),
                Map.of("nn4j.platform", "off", "nn4j.blas.coretype", "auto"));
        assertFalse(plan.enabled());
        assertEquals(List.of(), plan.changes());
        assertEquals(List.of(), plan.warnings());
        assertNull(plan.expectedKernel());
    }

    @Test
    void openblasLeavesTheChoiceToOpenBlasDetection() {
        PlatformPlan plan = decide(ZEN5, Map.of("OPENBLAS_CORETYPE", "Haswell"), Map.of("nn4j.blas.coretype", "openblas"));
        assertNull(plan.expectedKernel());
        assertEquals(List.of(new EnvChange("OPENBLAS_CORETYPE", null), PASSIVE), plan.changes());
    }

    @Test
    void onlyTheAvx512KernelFamiliesHaveSmallMatrixGemm() {
        assertTrue(BlasKernel.SKYLAKEX.hasSmallMatrixGemm());
        assertTrue(BlasKernel.named("Cooperlake").orElseThrow().hasSmallMatrixGemm());
        assertEquals(List.of("Cooperlake", "SkylakeX"),
                BlasKernel.ALL.stream().filter(BlasKernel::hasSmallMatrixGemm).map(BlasKernel::name).sorted().toList());
    }

    @Test
    void theSpeedNoteOfSkylakeXOverHaswellOnZen5() {
        // PlatformPolicy.java:153; 354 / 206 = 1.72 (GFLOP/s measured on a Zen 5, PlatformPolicy.java:30-33)
        assertEquals("~1.7× faster float32 GEMM than Haswell on this CPU (~354 vs ~206 GFLOP/s at 2048², 2 cores)",
                PlatformPolicy.speedNote("SkylakeX", "Haswell", new CpuInfo(true, "AuthenticAMD", 26, "AMD EPYC 9B45",
                        union(Set.of("sse2", "sse4_2"), Set.of("avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw",
                                "avx512dq", "avx512vl")))));
    }
}
