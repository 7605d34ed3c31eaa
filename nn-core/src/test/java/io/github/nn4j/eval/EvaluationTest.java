package io.github.nn4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class EvaluationTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    /**
     * actual    0 0 0 1 1 2
     * predicted 0 0 1 1 2 2
     * Confusion rows (actual) [2 1 0] [0 1 1] [0 0 1]. By hand:
     * cat  P 2/2, R 2/3, F1 0.8;  dog P 1/2, R 1/2, F1 0.5;  bird P 1/2, R 1/1, F1 2/3.
     */
    private static ClassificationReport handExample() {
        return Evaluation.classify(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 2}, NAMES);
    }

    @Test
    void accuracyConfusionAndPerClassMetricsMatchTheHandComputation() {
        ClassificationReport report = handExample();
        assertEquals(4.0 / 6, report.accuracy(), 1e-15);
        assertArrayEquals(new long[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, report.confusionMatrix());
        assertEquals(rounded(new ClassMetrics("cat", 1.0, 2.0 / 3, 0.8, 3)), rounded(report.metrics(0)));
        assertEquals(rounded(new ClassMetrics("dog", 0.5, 0.5, 0.5, 2)), rounded(report.metrics(1)));
        assertEquals(rounded(new ClassMetrics("bird", 0.5, 1.0, 2.0 / 3, 1)), rounded(report.metrics(2)));
    }

    @Test
    void macroAndWeightedAveragesMatchTheHandComputation() {
        ClassificationReport report = handExample();
        ClassMetrics macro = report.macroAverage();
        assertEquals(2.0 / 3, macro.precision(), 1e-12);
        assertEquals(13.0 / 18, macro.recall(), 1e-12);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, macro.f1(), 1e-12);
        ClassMetrics weighted = report.weightedAverage();   // weights 3, 2, 1 of 6
        assertEquals(4.5 / 6, weighted.precision(), 1e-12);
        assertEquals(4.0 / 6, weighted.recall(), 1e-12);
        assertEquals((3 * 0.8 + 2 * 0.5 + 2.0 / 3) / 6, weighted.f1(), 1e-12);
    }

    @Test
    void tablesAreReadable() {
        ClassificationReport report = handExample();
        String expectedTable = String.join("\n",
                "actual \\ predicted  0  1  2",
                "0 cat               2  1  0",
                "1 dog               0  1  1",
                "2 bird              0  0  1", "");
        assertEquals(expectedTable, report.confusionTable());
        String text = report.toString();
        assertTrue(text.contains("         cat     1.0000     0.6667     0.8000         3"), text);
        assertTrue(text.contains("    accuracy                           0.6667         6"), text);
        assertTrue(text.contains("weighted avg     0.7500     0.6667     0.6778         6"), text);
    }

    @Test
    void topKAccuracyFromScores() {
        // Row 0: actual 2 is second best; row 1: actual 0 is best; row 2: actual 2 is last.
        var scores = Nd4j.create(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.3f, 0.2f}, {0.6f, 0.3f, 0.1f}});
        ClassificationReport report = Evaluation.classify(scores, Nd4j.createFromArray(2f, 0f, 2f), NAMES);
        assertEquals(1.0 / 3, report.topKAccuracy(1), 1e-15);
        assertEquals(2.0 / 3, report.topKAccuracy(2), 1e-15);
        assertEquals(1.0, report.topKAccuracy(3), 1e-15);
        assertThrows(IllegalStateException.class, () -> handExample().topKAccuracy(2));
    }

    @Test
    void tiesGoToTheLowerClassIndex() {
        var scores = Nd4j.create(new float[][] {{0.5f, 0.5f}});
        ClassificationReport report = Evaluation.classify(scores, Nd4j.create(new float[][] {{0, 1}}), null);
        assertEquals(0.0, report.accuracy());
        assertEquals(1.0, report.topKAccuracy(2));
        assertEquals(List.of("0", "1"), report.classNames());
    }

    @Test
    void classifiesWithAModel() {
        Sequential identity = new Sequential(new Dense(3, 3));
        identity.parameters().get(0).value().assign(Nd4j.eye(3));
        identity.parameters().get(1).value().assign(0);
        DataSet data = new DataSet(Nd4j.create(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.3f, 0.2f}, {0.6f, 0.3f, 0.1f}}),
                Nd4j.createFromArray(2f, 0f, 2f));
        ClassificationReport report = Evaluation.classify(identity, data, NAMES);
        assertEquals(1.0 / 3, report.accuracy(), 1e-15);
        assertEquals(2.0 / 3, report.topKAccuracy(2), 1e-15);
    }

    @Test
    void regressionMetricsMatchTheHandComputation() {
        // errors 0, −1, −2: MSE 5/3, MAE 1; ȳ = 3, Σ(y − ȳ)² = 8, R² = 1 − 5/8.
        RegressionReport report = Evaluation.regress(Nd4j.create(new double[] {1, 2, 3}), Nd4j.create(new double[] {1, 3, 5}));
        assertEquals(5.0 / 3, report.mse(), 1e-12);
        assertEquals(1.0, report.mae(), 1e-12);
        assertEquals(0.375, report.r2(), 1e-12);
        assertEquals(3, report.count());
        Sequential identity = new Sequential(new Dense(1, 1));
        identity.parameters().get(0).value().assign(1);
        identity.parameters().get(1).value().assign(0);
        DataSet data = new DataSet(Nd4j.create(new float[][] {{1}, {2}, {3}}), Nd4j.create(new float[][] {{1}, {3}, {5}}));
        assertEquals(0.375, Evaluation.regress(identity, data).r2(), 1e-6);
    }

    private static ClassMetrics rounded(ClassMetrics m) {
        return new ClassMetrics(m.name(), round(m.precision()), round(m.recall()), round(m.f1()), m.support());
    }

    private static double round(double value) {
        return Math.round(value * 1e12) / 1e12;
    }
}
