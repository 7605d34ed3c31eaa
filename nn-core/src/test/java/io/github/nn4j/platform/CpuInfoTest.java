package io.github.nn4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {

    /** The first lines of this project's Zen 5 machine's /proc/cpuinfo (flags shortened), two processors. */
    private static final String ZEN5 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 26
            model\t\t: 2
            model name\t: AMD EPYC
            flags\t\t: fpu sse sse2 pni ssse3 fma sse4_1 sse4_2 avx avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16

            processor\t: 1
            vendor_id\t: GenuineIntel
            flags\t\t: fpu
            """;

    @Test
    void readsTheFirstProcessor() {
        CpuInfo cpu = CpuInfo.parse(ZEN5);
        assertTrue(cpu.known());
        assertEquals("AuthenticAMD", cpu.vendor());
        assertEquals(26, cpu.family());
        assertEquals("AMD EPYC", cpu.modelName());
        assertTrue(cpu.isAmdZen5());
        assertTrue(cpu.hasAll(CpuInfo.AVX512_SUBSETS));
        assertEquals(List.of("avx512_vnni"), cpu.missing(List.of("avx2", "avx512_vnni")));
    }

    @Test
    void aTextWithoutFlagsIsAnUnknownProcessor() {
        assertFalse(CpuInfo.parse("processor\t: 0\nvendor_id\t: AuthenticAMD\n").known());
    }

    @Test
    void theKernelsMatchTheirFlags() {
        CpuInfo cpu = CpuInfo.parse(ZEN5);
        assertEquals(BlasKernel.SKYLAKEX, BlasKernel.bestFor(cpu).orElseThrow());
        assertTrue(BlasKernel.named("cooperlake").orElseThrow().runsOn(cpu));
        assertFalse(BlasKernel.named("Bulldozer").orElseThrow().runsOn(cpu)); // FMA4 is AMD's pre-Zen extension
        assertTrue(BlasKernel.named("Zen5").isEmpty());
    }
}
