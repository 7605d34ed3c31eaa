package io.github.nn4j.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.nn4j.internal.base.InferenceScratch;
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

    @Test
    void anInferencePassOfARepeatedBatchSizeGetsTheArrayOfThePassBefore() {
        INDArray full = pass(8);
        INDArray three = pass(3);
        assertArrayEquals(new long[] {3, 5}, three.shape());
        assertEquals(full.data().address(), three.data().address());   // the first rows of the same memory
        assertSame(three, pass(3));                                     // not even a new view
        assertSame(full, pass(8));
        assertNotSame(full, Buffers.output(Mode.EVAL, null, 8, 5, DataType.FLOAT));   // outside a pass: new
    }

    /** The first array an inference pass of {@code rows} rows gets. */
    private static INDArray pass(int rows) {
        int saved = InferenceScratch.begin();
        try {
            return Buffers.output(Mode.EVAL, null, rows, 5, DataType.FLOAT);
        } finally {
            InferenceScratch.end(saved);
        }
    }
}
