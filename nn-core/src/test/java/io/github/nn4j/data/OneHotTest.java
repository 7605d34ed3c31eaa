package io.github.nn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class OneHotTest {

    /** A CSV-like DOUBLE matrix: feature, label, feature. */
    private static final INDArray TABLE = Nd4j.create(new double[][] {{0.5, 2, 7}, {1.5, 0, 8}, {2.5, 1, 9}});

    @Test
    void classIndicesOfALabelColumnViewReadOnlyThatColumn() {
        INDArray labels = TABLE.get(NDArrayIndex.all(), NDArrayIndex.point(1));
        assertArrayEquals(new int[] {2, 0, 1}, OneHot.classIndices(labels, 3));
        INDArray encoded = OneHot.encode(labels, 3);
        assertArrayEquals(new float[] {0, 0, 1}, encoded.getRow(0).toFloatVector(), 0);
    }

    @Test
    void argmaxOfRowViewsReadsTheViewedRows() {
        INDArray rows = TABLE.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        assertArrayEquals(new int[] {2, 2}, OneHot.classIndices(rows));
        assertTrue(OneHot.isOneHot(Nd4j.eye(3).get(NDArrayIndex.interval(1, 3), NDArrayIndex.all())));
    }

    @Test
    void aBadLabelIsNamedWithItsRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.classIndices(Nd4j.create(new double[] {0, 1.5}), 3));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("row 1"), e.getMessage());
    }
}
