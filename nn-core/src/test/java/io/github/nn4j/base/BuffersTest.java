package io.github.nn4j.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BuffersTest {

    @Test
    void sameShapeReturnsTheSameArray() {
        INDArray first = Buffers.reuse(null, 4, 3, DataType.FLOAT);
        assertSame(first, Buffers.reuse(first, 4, 3, DataType.FLOAT));
    }

    @Test
    void aSmallerBatchAndTheFullBatchAfterItShareTheFirstArraysMemory() {
        INDArray full = Buffers.reuse(null, 4, 3, DataType.FLOAT);
        full.assign(1.0);
        INDArray partial = Buffers.reuse(full, 2, 3, DataType.FLOAT);
        assertArrayEquals(new long[] {2, 3}, partial.shape());
        partial.assign(7.0);
        assertEquals(7.0, full.getDouble(1, 2), 0);
        assertEquals(1.0, full.getDouble(2, 0), 0);
        INDArray again = Buffers.reuse(partial, 4, 3, DataType.FLOAT);
        assertArrayEquals(new long[] {4, 3}, again.shape());
        again.putScalar(3, 2, 5.0);
        assertEquals(5.0, full.getDouble(3, 2), 0);
        assertEquals(7.0, again.getDouble(0, 0), 0);
    }

    @Test
    void largerShapeOtherWidthOrTypeAllocates() {
        INDArray small = Buffers.reuse(null, 2, 3, DataType.FLOAT);
        assertArrayEquals(new long[] {5, 3}, Buffers.reuse(small, 5, 3, DataType.FLOAT).shape());
        assertNotSame(small.data(), Buffers.reuse(small, 2, 4, DataType.FLOAT).data());
        assertEquals(DataType.DOUBLE, Buffers.reuse(small, 2, 3, DataType.DOUBLE).dataType());
    }
}
