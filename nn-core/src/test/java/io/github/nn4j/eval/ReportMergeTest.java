package io.github.nn4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ReportMergeTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    @Test
    void reportsOfPartsMergeIntoTheReportOfTheWhole() throws Exception {
        INDArray scores = Nd4j.create(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.3f, 0.2f}, {0.6f, 0.3f, 0.1f},
                {0.2f, 0.2f, 0.6f}, {0.3f, 0.4f, 0.3f}});
        INDArray labels = Nd4j.createFromArray(2f, 0f, 2f, 2f, 0f);
        ClassificationReport whole = Evaluation.classify(scores, labels, NAMES);
        ClassificationReport first = Evaluation.classify(rows(scores, 0, 2), labels.get(NDArrayIndex.interval(0, 2)), NAMES);
        ClassificationReport rest = Evaluation.classify(rows(scores, 2, 5), labels.get(NDArrayIndex.interval(2, 5)), NAMES);

        ClassificationReport merged = roundTrip(first).plus(roundTrip(rest));
        assertEquals(whole.total(), merged.total());
        assertArrayEquals(whole.confusionMatrix(), merged.confusionMatrix());
        assertEquals(whole.accuracy(), merged.accuracy());
        assertEquals(whole.topKAccuracy(2), merged.topKAccuracy(2));
        assertEquals(whole.toString(), merged.toString());
        assertEquals(2, first.total(), "the parts are unchanged");
    }

    @Test
    void reportsOverOtherClassesDoNotMerge() {
        ClassificationReport a = Evaluation.classify(new int[] {0}, new int[] {0}, NAMES);
        ClassificationReport b = Evaluation.classify(new int[] {0}, new int[] {0}, List.of("x", "y", "z"));
        assertThrows(IllegalArgumentException.class, () -> a.plus(b));
    }

    private static INDArray rows(INDArray array, int from, int to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static ClassificationReport roundTrip(ClassificationReport report) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(report);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ClassificationReport) in.readObject();
        }
    }
}
