package io.github.nn4j.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KernelPathTest {

    @Test
    void thePropertyIsReadAsLongGetLongReadsIt() {
        assertEquals(131_072, KernelPath.maxElements(null));
        assertEquals(0, KernelPath.maxElements("0"));
        assertEquals(4096, KernelPath.maxElements("4096"));
        assertEquals(4096, KernelPath.maxElements("0x1000"));
        assertEquals(0, KernelPath.maxElements("-5"), "a negative limit sends every array to ND4J, as 0 does");
        assertEquals(131_072, KernelPath.maxElements("lots"));
        assertEquals(131_072, KernelPath.maxElements(" 10"));
    }

    @Test
    void theSetterMovesTheLimitForTheNextKernelCallAndReturnsTheOldOne() {
        INDArray small = Nd4j.zeros(DataType.FLOAT, 32, 128);   // 4,096 numbers
        long before = KernelPath.javaMaxElements();
        try {
            assertTrue(KernelPath.javaPath(small));
            assertEquals(before, KernelPath.setJavaMaxElements(4095));
            assertFalse(KernelPath.javaPath(small));
            assertEquals(4095, KernelPath.setJavaMaxElements(4096));
            assertTrue(KernelPath.javaPath(small));
            KernelPath.setJavaMaxElements(0);
            assertFalse(KernelPath.javaPath(small));
            assertTrue(KernelPath.floatBlocks(small), "the size limit is javaPath's alone");
        } finally {
            KernelPath.setJavaMaxElements(before);
        }
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertEquals("the Java kernels' size limit must be 0 or more, got -1",
                assertThrows(IllegalArgumentException.class, () -> KernelPath.setJavaMaxElements(-1)).getMessage());
    }
}
