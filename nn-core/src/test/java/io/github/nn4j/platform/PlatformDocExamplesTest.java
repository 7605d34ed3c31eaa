package io.github.nn4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The examples in the documentation of the {@code platform} package that do not depend on the
 * machine running the tests; each test names the file and line it checks.
 */
class PlatformDocExamplesTest {

    private static final CpuInfo ZEN5 = new CpuInfo(true, "AuthenticAMD", 26, "AMD EPYC 9B45", Set.of("sse2", "sse4_2",
            "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));

    @Test
    void theRelevantFlagsNameWhatIsMissing() {
        // CpuInfo.java:127
        assertEquals("sse4_2 avx avx2 fma avx512f avx512cd avx512bw avx512dq avx512vl (no avx512_bf16)",
                ZEN5.relevantFlags());
    }
}
