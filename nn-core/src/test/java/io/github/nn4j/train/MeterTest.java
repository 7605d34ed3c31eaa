package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.nn4j.losses.OutputKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MeterTest {

    private static final INDArray LOGITS = Nd4j.create(new float[][] {{2, 1, 0}, {-1, 0.5f, 3}, {40, -40, 0}});
    private static final int[] CLASSES = {0, 2, 1};

    @Test
    void accuracyAndMeanLossAreWeightedByBatchSize() {
        Meter meter = new Meter(OutputKind.CLASS_SCORES);
        meter.add(0.5, 0, LOGITS.getRows(0, 1), CLASSES, 0);    // two examples of loss 0.5
        meter.add(2.0, 0, LOGITS.getRows(2), CLASSES, 2);        // one of loss 2
        assertEquals((2 * 0.5 + 2.0) / 3, meter.meanLoss(), 1e-15);
        assertEquals(2.0 / 3, meter.accuracy(), 1e-15);   // rows 0 and 1 right, row 2 predicts 0 for class 1
    }

    @Test
    void thePenaltyCountsOncePerExample() {
        Meter meter = new Meter(OutputKind.OTHER);
        meter.add(1.0, 0.25, LOGITS, null, 0);
        assertEquals(1.25, meter.meanLoss(), 1e-15);
        assertFalse(meter.hasAccuracy());
    }

    @Test
    void binaryOutputsAreReadAsTheirKindSays() {
        INDArray outputs = Nd4j.create(new float[][] {{-0.1f}, {0.3f}, {0.5f}, {2}});
        int[] classes = {0, 1, 1, 1};
        Meter logits = new Meter(OutputKind.BINARY_LOGIT);       // class 1 above 0: all four right
        logits.add(0, 0, outputs, classes, 0);
        assertEquals(1.0, logits.accuracy());
        Meter probabilities = new Meter(OutputKind.BINARY_PROBABILITY);   // class 1 from 0.5: 0.3 is wrong
        probabilities.add(0, 0, outputs, classes, 0);
        assertEquals(0.75, probabilities.accuracy());
        probabilities.reset();
        probabilities.add(0, 0, outputs.getRows(0), classes, 0);
        assertEquals(1.0, probabilities.accuracy(), "reset forgets the earlier batches");
    }
}
