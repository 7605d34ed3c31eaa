package io.github.nn4j.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class JavaArraysTest {

    private static final double[][] CSV = {{0.5, 1, 7}, {1.5, 0, 8}, {2.5, 2, 9}};

    @Test
    void aColumnViewOfADoubleMatrixGivesOnlyThatColumn() {
        INDArray all = Nd4j.create(CSV);
        INDArray labels = all.get(NDArrayIndex.all(), NDArrayIndex.point(1));
        assertTrue(labels.isView());
        assertArrayEquals(new double[] {1, 0, 2}, JavaArrays.toDoubles(labels), 0);
        assertArrayEquals(new float[] {1, 0, 2}, JavaArrays.toFloats(labels), 0);
        INDArray column = all.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 3));
        assertArrayEquals(new double[] {7, 8, 9}, JavaArrays.toDoubles(column), 0);
    }

    @Test
    void aRowViewAndAColumnMajorArrayComeOutRowMajor() {
        INDArray all = Nd4j.create(CSV);
        assertArrayEquals(new double[] {1.5, 0, 8}, JavaArrays.toDoubles(all.getRow(1)), 0);
        INDArray fOrder = all.dup('f');
        assertArrayEquals(new double[] {0.5, 1, 7, 1.5, 0, 8, 2.5, 2, 9}, JavaArrays.toDoubles(fOrder), 0);
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 1, 0, 2, 7, 8, 9}, JavaArrays.toDoubles(all.transpose()), 0);
    }

    @Test
    void otherDataTypesAreConvertedAndEmptyArraysGiveEmptyCopies() {
        INDArray floats = Nd4j.create(new float[] {1.5f, -2f}, new long[] {1, 2}, DataType.FLOAT);
        assertArrayEquals(new double[] {1.5, -2}, JavaArrays.toDoubles(floats), 0);
        assertArrayEquals(new float[] {3, 4}, JavaArrays.toFloats(Nd4j.createFromArray(3, 4)), 0);
        assertEquals(0, JavaArrays.toDoubles(Nd4j.create(DataType.FLOAT, 0, 3)).length);
    }

    @Test
    void theCopyIsIndependentOfTheArray() {
        INDArray owned = Nd4j.create(new double[] {1, 2, 3});
        double[] copy = JavaArrays.toDoubles(owned);
        copy[0] = 99;
        assertEquals(1, owned.getDouble(0), 0);
    }

    @Test
    void argmaxTakesTheFirstLargestWithinTheRow() {
        float[] rows = {9, 0, 3, 3, 1};
        assertEquals(1, JavaArrays.argmax(rows, 1, 4));
        assertEquals(0, JavaArrays.argmax(new double[] {5, 5}, 0, 2));
        assertEquals(2, JavaArrays.argmax(new double[] {0, 1, 2}, 0, 3));
    }
}
