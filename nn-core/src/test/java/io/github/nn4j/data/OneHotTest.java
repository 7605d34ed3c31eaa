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
    void readIndicesOfALabelColumnViewReadsOnlyThatColumn() {
        INDArray labels = TABLE.get(NDArrayIndex.all(), NDArrayIndex.point(1));
        assertArrayEquals(new int[] {2, 0, 1}, OneHot.readIndices(labels, 3));
        INDArray encoded = OneHot.encode(labels, 3);
        assertArrayEquals(new float[] {0, 0, 1}, encoded.getRow(0).toFloatVector(), 0);
    }

    @Test
    void argmaxOfRowViewsReadsTheViewedRows() {
        INDArray rows = TABLE.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        assertArrayEquals(new int[] {2, 2}, OneHot.argmaxPerRow(rows));
        assertTrue(OneHot.isOneHot(Nd4j.eye(3).get(NDArrayIndex.interval(1, 3), NDArrayIndex.all())));
    }

    @Test
    void aBadLabelIsNamedWithItsRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.readIndices(Nd4j.create(new double[] {0, 1.5}), 3));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void classesOfTakesIndicesOrRowsOfTheRightWidth() {
        assertArrayEquals(new int[] {2, 0, 1}, OneHot.classesOf(Nd4j.create(new double[] {2, 0, 1}), 3));
        assertArrayEquals(new int[] {2, 0, 1}, OneHot.classesOf(Nd4j.create(new double[][] {{2}, {0}, {1}}), 3));
        assertArrayEquals(new int[] {1, 0}, OneHot.classesOf(Nd4j.create(new double[][] {{0.2, 0.8, 0}, {1, 0, 0}}), 3));
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> OneHot.classesOf(Nd4j.create(new double[][] {{0, 1}, {1, 0}}), 3));
        assertTrue(wide.getMessage().contains("[2, 2]") && wide.getMessage().contains("3 classes"), wide.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> OneHot.classesOf(Nd4j.create(new double[] {0, 3}), 3));
        assertTrue(outside.getMessage().contains("label 3.0 at row 1"), outside.getMessage());
    }

    @Test
    void binaryClassesAreOneFromAHalf() {
        assertArrayEquals(new int[] {0, 1, 1, 0}, OneHot.binaryClasses(Nd4j.create(new double[][] {{0}, {1}, {0.5}, {0.49}})));
    }
}
