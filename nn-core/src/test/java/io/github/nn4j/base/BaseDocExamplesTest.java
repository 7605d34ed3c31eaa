package io.github.nn4j.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples in the class documentation of the {@code base} package, run as written; each test
 * names the file and lines it checks.
 */
class BaseDocExamplesTest {

    @Test
    void aColumnViewIsCopiedAsItsOwnValuesAndArgmaxTakesTheFirstMaximum() {
        // JavaArrays.java:18-20
        INDArray matrix = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {2, 4}, JavaArrays.toDoubles(matrix.getColumn(1)));
        assertEquals(1, JavaArrays.argmax(new float[] {0, 3, 1, 3}, 0, 4));
    }

    @Test
    void aPassOfAWholeBatchPlacesNoRowsAndAShareNamesItsRowsPositions() {
        // TrainingPass.java:17-18
        assertEquals(3, TrainingPass.of(3).number());
        assertEquals(null, TrainingPass.of(3).rowPositions());
        assertArrayEquals(new int[] {7, 2, 5}, TrainingPass.of(3, new int[] {7, 2, 5}).rowPositions());
    }
}
