package io.github.nn4j.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quality of a classifier on n examples: accuracy, top-k accuracy, the confusion matrix,
 * per-class precision, recall and F1, and their macro (plain mean over classes) and weighted
 * (by support) averages. Built by {@link Evaluation#classify}, usually from a model and data,
 * {@code Evaluation.classify(model, test, FashionMnist.CLASS_NAMES)}, or from scores as here:
 *
 * <pre>{@code
 * INDArray scores = Nd4j.create(new float[][] {{0.7f, 0.2f, 0.1f}, {0.3f, 0.6f, 0.1f},
 *         {0.5f, 0.4f, 0.1f}, {0.1f, 0.3f, 0.6f}});
 * ClassificationReport report = Evaluation.classify(scores, Nd4j.createFromArray(0, 1, 1, 2),
 *         List.of("cat", "dog", "bird"));
 * report.accuracy();              // 0.75: the third example, a dog, scored highest as a cat
 * report.topKAccuracy(2);         // 1.0: every actual class is among its example's two best
 * System.out.println(report.confusionTable());
 * System.out.println(report);     // per-class table with averages
 * }</pre>
 * The confusion table:
 * <pre>
 * actual \ predicted  0  1  2
 * 0 cat               1  0  0
 * 1 dog               1  1  0
 * 2 bird              0  0  1
 * </pre>
 *
 * <p>Reports of parts of a data set merge into the report of the whole with {@link #plus}; a
 * report is serializable so that parts computed on other machines can be sent back.
 */
public final class ClassificationReport implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long[][] confusion;
    private final List<String> classNames;
    private final int[] trueClassRanks;
    private final long total;

    /**
     * @param confusion      {@code [actual][predicted]} counts
     * @param classNames     one name per class
     * @param trueClassRanks per example, how many classes scored above the actual class; null if unknown
     */
    ClassificationReport(long[][] confusion, List<String> classNames, int[] trueClassRanks) {
        this.confusion = confusion;
        this.classNames = List.copyOf(classNames);
        this.trueClassRanks = trueClassRanks;
        long sum = 0;
        for (long[] row : confusion) {
            for (long count : row) {
                sum += count;
            }
        }
        this.total = sum;
    }

    /**
     * The report of this report's examples and {@code other}'s together, as if they had been
     * classified at once: the confusion matrices add up, and top-k accuracy stays available when
     * both reports have it.
     *
     * @param other a report over the same classes
     * @return the merged report; neither report changes
     * @throws IllegalArgumentException when the class names differ
     */
    public ClassificationReport plus(ClassificationReport other) {
        if (!classNames.equals(other.classNames)) {
            throw new IllegalArgumentException("cannot merge reports over different classes: " + classNames + " and "
                    + other.classNames);
        }
        long[][] sum = confusionMatrix();
        for (int a = 0; a < sum.length; a++) {
            for (int p = 0; p < sum.length; p++) {
                sum[a][p] += other.confusion[a][p];
            }
        }
        int[] ranks = null;
        if (trueClassRanks != null && other.trueClassRanks != null) {
            ranks = java.util.Arrays.copyOf(trueClassRanks, trueClassRanks.length + other.trueClassRanks.length);
            System.arraycopy(other.trueClassRanks, 0, ranks, trueClassRanks.length, other.trueClassRanks.length);
        }
        return new ClassificationReport(sum, classNames, ranks);
    }

    /** The number of classes k. */
    public int classCount() {
        return confusion.length;
    }

    /** The class names, in class-index order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The number of examples n. */
    public long total() {
        return total;
    }

    /** The fraction of examples whose predicted class is the actual class. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return (double) correct / total;
    }

    /**
     * The fraction of examples whose actual class is among the k highest-scored classes (ties
     * broken towards the lower class index, as for the predicted class).
     *
     * @param k at least 1; k ≥ classCount() gives 1
     * @return the top-k accuracy; {@code topKAccuracy(1) == accuracy()}
     * @throws IllegalStateException for k > 1 when the report was built from predicted classes
     *                               rather than scores
     */
    public double topKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (k == 1) {
            return accuracy();
        }
        if (trueClassRanks == null) {
            throw new IllegalStateException("top-" + k + " accuracy needs the model's scores; this report was built "
                    + "from predicted classes only");
        }
        long hits = 0;
        for (int rank : trueClassRanks) {
            if (rank < k) {
                hits++;
            }
        }
        return (double) hits / total;
    }

    /**
     * The confusion matrix: entry {@code [a][p]} counts examples of actual class a predicted as p.
     *
     * @return a copy
     */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /**
     * Precision, recall, F1 and support of one class.
     *
     * @param classIndex the class
     * @return its metrics
     */
    public ClassMetrics metrics(int classIndex) {
        long truePositive = confusion[classIndex][classIndex];
        long predicted = 0;
        long actual = 0;
        for (int i = 0; i < confusion.length; i++) {
            predicted += confusion[i][classIndex];
            actual += confusion[classIndex][i];
        }
        double precision = ratio(truePositive, predicted);
        double recall = ratio(truePositive, actual);
        return new ClassMetrics(classNames.get(classIndex), precision, recall, f1(precision, recall), actual);
    }

    /** The metrics of every class, in class-index order. */
    public List<ClassMetrics> perClass() {
        List<ClassMetrics> list = new ArrayList<>(confusion.length);
        for (int c = 0; c < confusion.length; c++) {
            list.add(metrics(c));
        }
        return list;
    }

    /** The plain mean of precision, recall and F1 over all classes. */
    public ClassMetrics macroAverage() {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (ClassMetrics metrics : perClass()) {
            precision += metrics.precision();
            recall += metrics.recall();
            f1 += metrics.f1();
        }
        int k = confusion.length;
        return new ClassMetrics("macro avg", precision / k, recall / k, f1 / k, total);
    }

    /** The mean of precision, recall and F1 over classes weighted by each class's support. */
    public ClassMetrics weightedAverage() {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (ClassMetrics metrics : perClass()) {
            precision += metrics.precision() * metrics.support();
            recall += metrics.recall() * metrics.support();
            f1 += metrics.f1() * metrics.support();
        }
        return new ClassMetrics("weighted avg", precision / total, recall / total, f1 / total, total);
    }

    /**
     * The confusion matrix as a text table: one row per actual class (index and name), one column
     * per predicted class (index).
     *
     * @return the table, lines separated by {@code \n}
     */
    public String confusionTable() {
        int nameWidth = 0;
        long largest = 0;
        for (int c = 0; c < confusion.length; c++) {
            nameWidth = Math.max(nameWidth, (c + " " + classNames.get(c)).length());
            for (long count : confusion[c]) {
                largest = Math.max(largest, count);
            }
        }
        String corner = "actual \\ predicted";
        nameWidth = Math.max(nameWidth, corner.length());
        int cell = Math.max(String.valueOf(largest).length(), String.valueOf(confusion.length - 1).length()) + 2;
        StringBuilder text = new StringBuilder(pad(corner, nameWidth, false));
        for (int c = 0; c < confusion.length; c++) {
            text.append(pad(String.valueOf(c), cell, true));
        }
        text.append('\n');
        for (int a = 0; a < confusion.length; a++) {
            text.append(pad(a + " " + classNames.get(a), nameWidth, false));
            for (int p = 0; p < confusion.length; p++) {
                text.append(pad(String.valueOf(confusion[a][p]), cell, true));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The per-class table with precision, recall, F1 and support, then accuracy and the averages. */
    @Override
    public String toString() {
        int nameWidth = "weighted avg".length();
        for (String name : classNames) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        StringBuilder text = new StringBuilder();
        text.append(pad("", nameWidth, false)).append(String.format(Locale.ROOT, " %10s %10s %10s %9s%n",
                "precision", "recall", "f1-score", "support"));
        for (ClassMetrics metrics : perClass()) {
            row(text, metrics, nameWidth);
        }
        text.append('\n').append(pad("accuracy", nameWidth, true)).append(String.format(Locale.ROOT,
                " %10s %10s %10.4f %9d%n", "", "", accuracy(), total));
        row(text, macroAverage(), nameWidth);
        row(text, weightedAverage(), nameWidth);
        return text.toString();
    }

    private static void row(StringBuilder text, ClassMetrics metrics, int nameWidth) {
        text.append(pad(metrics.name(), nameWidth, true)).append(String.format(Locale.ROOT,
                " %10.4f %10.4f %10.4f %9d%n", metrics.precision(), metrics.recall(), metrics.f1(), metrics.support()));
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
