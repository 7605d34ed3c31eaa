package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.internal.kernels.DropoutKernels;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.testing.SeededArrays;
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
            INDArray shareOut = worker.forward(share, Mode.TRAIN, TrainingPass.of(1, positions)).dup();
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
    void aPassWithoutPositionsDrawsTheMasksOfThatCountedPass() {
        INDArray x = SeededArrays.uniform(4, DataType.FLOAT, 5, 300).addi(1);
        Dropout counting = new Dropout(0.4);
        new Sequential(counting).init(Initializer.zeros(), 6);
        counting.forward(x, Mode.TRAIN);
        counting.forward(x, Mode.TRAIN);
        INDArray thirdCounted = counting.forward(x, Mode.TRAIN).dup();

        Dropout placed = new Dropout(0.4);
        new Sequential(placed).init(Initializer.zeros(), 6);
        assertEquals(thirdCounted, placed.forward(x, Mode.TRAIN, TrainingPass.of(2)));
        assertSame(x, placed.forward(x, Mode.EVAL, TrainingPass.of(2)), "EVAL stays the identity");
    }

    @Test
    void aModelHandsThePassToEveryLayerSoEachRowGetsItsWholeBatchMasks() {
        INDArray batch = SeededArrays.uniform(5, DataType.FLOAT, 6, 40);
        Sequential whole = model();
        whole.forward(batch, Mode.TRAIN);
        INDArray secondPass = whole.forward(batch, Mode.TRAIN).dup();

        int[] positions = {4, 0, 3};
        Sequential worker = model();
        INDArray shareOut = worker.forward(Nd4j.pullRows(batch, 1, positions), Mode.TRAIN, TrainingPass.of(1, positions), null);
        for (int i = 0; i < positions.length; i++) {
            assertEquals(secondPass.getRow(positions[i]), shareOut.getRow(i), "row " + positions[i]);
        }
    }

    /** Two dropout layers around a dense one, seeded alike every time. */
    private static Sequential model() {
        return new Sequential(new Dropout(0.3), new Dense(40, 30), new Dropout(0.5)).init(Initializer.xavierNormal(), 12);
    }

    @Test
    void anotherPassGivesOtherMasks() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 4, 100);
        Dropout dropout = new Dropout(0.5);
        new Sequential(dropout).init(Initializer.zeros(), 1);
        INDArray third = dropout.forward(x, Mode.TRAIN, TrainingPass.of(3, new int[] {0, 1, 2, 3})).dup();
        assertFalse(third.equals(dropout.forward(x, Mode.TRAIN, TrainingPass.of(4, new int[] {0, 1, 2, 3}))));
    }

    @Test
    void wrongNumberOfPositionsIsRejected() {
        Dropout dropout = new Dropout(0.5);
        new Sequential(dropout).init(Initializer.zeros(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dropout.forward(Nd4j.ones(DataType.FLOAT, 3, 5), Mode.TRAIN, TrainingPass.of(0, new int[] {0, 1})));
        assertEquals("2 row positions for an input of 3 rows", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingPass.of(-1, new int[0]));
    }
}
