package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.base.Mode;
import io.github.nn4j.testing.SeededArrays;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.kernels.DropoutKernels;
import io.github.nn4j.model.Sequential;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Dropout masks as a function of (seed, pass, row position), which data-parallel training relies on. */
class DropoutPlacementTest {

    @Test
    void passKeyIsTheNthDrawOfASplittableRandom() {
        for (long seed : new long[] {0, 1, 42 * 31, -7, Long.MAX_VALUE}) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int pass = 0; pass < 50; pass++) {
                assertEquals(random.nextInt(), DropoutKernels.passKey(seed, pass), "seed " + seed + " pass " + pass);
            }
        }
    }

    @Test
    void masksMatchTheFormerGeneratorDrivenLayerPassAfterPass() {
        // The layer used to draw one key per TRAIN pass from new SplittableRandom(seed): same masks now.
        INDArray x = Nd4j.ones(DataType.FLOAT, 7, 300);
        Dropout dropout = new Dropout(0.4);
        new Sequential(dropout).init(Initializer.zeros(), 5);
        SplittableRandom former = new SplittableRandom(5 * 31);
        INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, 7, 300);
        INDArray expectedMask = Nd4j.createUninitialized(DataType.FLOAT, 7, 300);
        for (int pass = 0; pass < 4; pass++) {
            DropoutKernels.dropout(x, expectedMask, expected, 0.4, former);
            assertEquals(expected, dropout.forward(x, Mode.TRAIN), "pass " + pass);
        }
    }

    @Test
    void placedRowsGetTheMasksOfTheirPositionsInTheWholeBatch() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int rows = 9;
            int columns = 2500;   // more than one chunk per row
            INDArray batch = SeededArrays.uniform(3, type, rows, columns).addi(1);
            Dropout whole = new Dropout(0.3);
            new Sequential(whole).init(Initializer.zeros(), 8, type);
            whole.forward(batch, Mode.TRAIN);
            INDArray secondPass = whole.forward(batch, Mode.TRAIN).dup();

            int[] positions = {7, 2, 5};
            INDArray share = Nd4j.pullRows(batch, 1, positions);
            Dropout worker = new Dropout(0.3);
            new Sequential(worker).init(Initializer.zeros(), 8, type);
            worker.placeNextPass(1, positions);
            INDArray shareOut = worker.forward(share, Mode.TRAIN).dup();
            for (int i = 0; i < positions.length; i++) {
                assertEquals(secondPass.getRow(positions[i]), shareOut.getRow(i), type + " row " + positions[i]);
            }
            INDArray thirdPass = whole.forward(batch, Mode.TRAIN).dup();
            assertEquals(thirdPass.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()),
                    worker.forward(batch.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup(), Mode.TRAIN),
                    type + ": the pass after a placed one continues from it, at positions 0, 1, …");
        }
    }

    @Test
    void anotherPassGivesOtherMasks() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 4, 100);
        Dropout dropout = new Dropout(0.5);
        new Sequential(dropout).init(Initializer.zeros(), 1);
        dropout.placeNextPass(3, new int[] {0, 1, 2, 3});
        INDArray third = dropout.forward(x, Mode.TRAIN).dup();
        dropout.placeNextPass(4, new int[] {0, 1, 2, 3});
        assertFalse(third.equals(dropout.forward(x, Mode.TRAIN)));
    }

    @Test
    void wrongNumberOfPositionsIsRejected() {
        Dropout dropout = new Dropout(0.5);
        new Sequential(dropout).init(Initializer.zeros(), 1);
        dropout.placeNextPass(0, new int[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dropout.forward(Nd4j.ones(DataType.FLOAT, 3, 5), Mode.TRAIN));
        assertEquals("2 row positions for an input of 3 rows", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dropout.placeNextPass(-1, new int[0]));
    }
}
