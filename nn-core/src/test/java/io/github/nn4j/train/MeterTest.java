package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.data.OneHot;
import io.github.nn4j.losses.Loss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MeterTest {

    private static final INDArray LOGITS = Nd4j.create(new float[][] {{2, 1, 0}, {-1, 0.5f, 3}, {40, -40, 0}});
    private static final int[] CLASSES = {0, 2, 1};

    @Test
    void javaCrossEntropyMatchesTheLossClasses() {
        INDArray oneHot = OneHot.encode(CLASSES, 3);
        Meter fromLogits = new Meter(Loss.softmaxCrossEntropy(), Meter.Task.MULTICLASS, true);
        assertEquals(Loss.softmaxCrossEntropy().value(LOGITS, oneHot), fromLogits.add(LOGITS, oneHot, CLASSES, 0), 1e-5);
        INDArray probabilities = Nd4j.create(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}, {0.5f, 0.5f, 0}});
        Meter fromProbabilities = new Meter(Loss.categoricalCrossEntropy(), Meter.Task.MULTICLASS, true);
        assertEquals(Loss.categoricalCrossEntropy().value(probabilities, oneHot),
                fromProbabilities.add(probabilities, oneHot, CLASSES, 0), 1e-6);
    }

    @Test
    void accuracyAndMeanLossAreWeightedByBatchSize() {
        INDArray oneHot = OneHot.encode(CLASSES, 3);
        Meter meter = new Meter(Loss.softmaxCrossEntropy(), Meter.Task.MULTICLASS, true);
        double whole = meter.add(LOGITS, oneHot, CLASSES, 0);
        meter.reset();
        meter.add(LOGITS.getRows(0, 1), oneHot.getRows(0, 1), CLASSES, 0);
        meter.add(LOGITS.getRows(2), oneHot.getRows(2), CLASSES, 2);
        assertEquals(whole, meter.meanLoss(), 1e-9);
        assertEquals(2.0 / 3, meter.accuracy(), 1e-15);   // rows 0 and 1 right, row 2 predicts 0 for class 1
    }
}
