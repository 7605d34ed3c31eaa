package io.github.nn4j.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The numbers in the class documentation of the {@code kernels} package; each test names the file
 * and lines it checks.
 */
class KernelsDocExamplesTest {

    @Test
    void theJavaLoopsTakeUpTo131072NumbersByDefault() {
        // KernelPath.java:22-25
        Assumptions.assumeTrue(System.getProperty("nn4j.javaKernelMaxElements") == null,
                "skipped: -Dnn4j.javaKernelMaxElements is set, so the default is not in use");
        assertEquals(131_072, KernelPath.javaMaxElements());
    }
}
