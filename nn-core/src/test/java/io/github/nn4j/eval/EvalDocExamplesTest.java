package io.github.nn4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples in the class documentation of the {@code eval} package, run as written; each test
 * names the file and lines it checks.
 */
class EvalDocExamplesTest {

    @Test
    void fourScoredExamplesGiveTheDocumentedAccuracyTopTwoAccuracyAndTables() {
        // ClassificationReport.java:14-21 and the confusion table at 25-28
        INDArray scores = Nd4j.create(new float[][] {{0.7f, 0.2f, 0.1f}, {0.3f, 0.6f, 0.1f},
                {0.5f, 0.4f, 0.1f}, {0.1f, 0.3f, 0.6f}});
        ClassificationReport report = Evaluation.classify(scores, Nd4j.createFromArray(0, 1, 1, 2),
                List.of("cat", "dog", "bird"));
        assertEquals(0.75, report.accuracy());
        assertEquals(1.0, report.topKAccuracy(2));
        assertEquals("""
                actual \\ predicted  0  1  2
                0 cat               1  0  0
                1 dog               1  1  0
                2 bird              0  0  1
                """, report.confusionTable());
        // Worked by hand: cat precision 1/2, recall 1/1; dog 1/1 and 1/2; bird 1/1 and 1/1.
        assertEquals("""
                              precision     recall   f1-score   support
                         cat     0.5000     1.0000     0.6667         1
                         dog     1.0000     0.5000     0.6667         2
                        bird     1.0000     1.0000     1.0000         1

                    accuracy                           0.7500         4
                   macro avg     0.8333     0.8333     0.7778         4
                weighted avg     0.8750     0.7500     0.7500         4
                """, report.toString().replace(System.lineSeparator(), "\n"));
    }
}
