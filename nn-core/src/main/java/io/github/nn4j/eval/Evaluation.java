package io.github.nn4j.eval;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.OneHot;
import io.github.nn4j.internal.model.ChunkedInference;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures a trained model on labelled data: {@link #classify} for classifiers and
 * {@link #regress} for regression.
 *
 * <pre>{@code
 * ClassificationReport report = Evaluation.classify(model, test, FashionMnist.CLASS_NAMES);
 * RegressionReport fit = Evaluation.regress(regressor, houses);
 * }</pre>
 *
 * <p>The model runs in inference mode in chunks of {@value #CHUNK} examples, so memory stays
 * bounded on large data sets. A model's predicted class is the position of its largest output
 * (logits and probabilities give the same class); ties go to the lower class index.
 */
public final class Evaluation {

    /** Examples per inference call. */
    public static final int CHUNK = 4096;

    private Evaluation() {
    }

    /**
     * Classifies every example with {@code model} and compares with the labels; classes are named
     * {@code "0"}, {@code "1"}, ….
     *
     * @param model a classifier with one output per class
     * @param data  examples with class-index or one-hot labels
     * @return the report
     */
    public static ClassificationReport classify(Sequential model, DataSet data) {
        return classify(model, data, null);
    }

    /**
     * Classifies every example with {@code model} and compares with the labels.
     *
     * @param model      a classifier with one output per class
     * @param data       examples with class-index or one-hot labels
     * @param classNames one name per output, or {@code null} for {@code "0"}, {@code "1"}, …
     * @return the report
     */
    public static ClassificationReport classify(Sequential model, DataSet data, List<String> classNames) {
        int[] actual = data.classIndices();
        Accumulator accumulator = new Accumulator(classNames, data.size());
        ChunkedInference.forEachChunk(model, data, CHUNK, (scores, labels, start) -> accumulator.add(scores, actual, start));
        return accumulator.report();
    }

    /**
     * Compares scores (logits or probabilities) with labels.
     *
     * @param scores {@code [n, k]}, one score per class
     * @param labels class indices {@code [n]} / {@code [n, 1]}, or one-hot rows {@code [n, k]}
     * @param classNames one name per class, or {@code null}
     * @return the report
     */
    public static ClassificationReport classify(INDArray scores, INDArray labels, List<String> classNames) {
        if (scores == null || scores.rank() != 2 || scores.rows() == 0) {
            throw new IllegalArgumentException("scores must be [examples, classes], got " + Shapes.of(scores));
        }
        int k = checkClasses((int) scores.columns(), classNames);
        int[] actual = actualClasses(labels, scores.rows(), k);
        Accumulator accumulator = new Accumulator(classNames, actual.length);
        accumulator.add(scores, actual, 0);
        return accumulator.report();
    }

    /**
     * Compares predicted classes with actual classes (no top-k accuracy beyond k = 1).
     *
     * @param predicted  predicted class per example
     * @param actual     actual class per example, same length
     * @param classNames one name per class; their number fixes k
     * @return the report
     */
    public static ClassificationReport classify(int[] predicted, int[] actual, List<String> classNames) {
        if (predicted.length != actual.length || predicted.length == 0) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length
                    + " labels; both must be the same non-zero number");
        }
        int k = classNames.size();
        long[][] confusion = new long[k][k];
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < 0 || predicted[i] >= k || actual[i] < 0 || actual[i] >= k) {
                throw new IllegalArgumentException("example " + i + ": predicted " + predicted[i] + ", actual "
                        + actual[i] + "; classes must lie in [0, " + (k - 1) + "]");
            }
            confusion[actual[i]][predicted[i]]++;
        }
        return new ClassificationReport(confusion, classNames, null);
    }

    /**
     * Runs {@code model} on every example and compares its outputs with the targets.
     *
     * @param model a regressor
     * @param data  examples with target rows {@code [n, outputs]}
     * @return MSE, MAE and R²
     */
    public static RegressionReport regress(Sequential model, DataSet data) {
        List<INDArray> chunks = new ArrayList<>();
        ChunkedInference.forEachChunk(model, data, CHUNK, (outputs, labels, start) -> chunks.add(outputs));
        INDArray predictions = chunks.size() == 1 ? chunks.get(0)
                : Nd4j.vstack(chunks.toArray(INDArray[]::new));
        return regress(predictions, data.labels());
    }

    /**
     * Compares predictions with targets.
     *
     * @param predictions {@code [n, d]}
     * @param targets     {@code [n, d]} (or {@code [n]} when d = 1)
     * @return MSE, MAE and R² (averaged over the d outputs)
     */
    public static RegressionReport regress(INDArray predictions, INDArray targets) {
        if (predictions == null || targets == null || predictions.length() != targets.length()
                || predictions.length() == 0 || predictions.rank() > 2 || targets.rank() > 2
                || predictions.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("predictions " + Shapes.of(predictions) + " and targets "
                    + Shapes.of(targets) + " must have the same non-empty shape");
        }
        int n = (int) predictions.size(0);
        int d = (int) (predictions.length() / n);
        double[] p = JavaArrays.toDoubles(predictions);
        double[] y = JavaArrays.toDoubles(targets);
        double squared = 0;
        double absolute = 0;
        double r2Sum = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += y[i * d + j];
            }
            mean /= n;
            double residual = 0;
            double spread = 0;
            for (int i = 0; i < n; i++) {
                double error = p[i * d + j] - y[i * d + j];
                residual += error * error;
                absolute += Math.abs(error);
                double deviation = y[i * d + j] - mean;
                spread += deviation * deviation;
            }
            squared += residual;
            r2Sum += spread > 0 ? 1 - residual / spread : (residual == 0 ? 1 : 0);
        }
        double count = (double) n * d;
        return new RegressionReport(squared / count, absolute / count, r2Sum / d, n);
    }

    private static int[] actualClasses(INDArray labels, long n, int k) {
        if (labels == null || labels.size(0) != n || labels.rank() > 2) {
            throw new IllegalArgumentException("labels " + Shapes.of(labels) + " do not fit " + n + " examples");
        }
        return OneHot.classesOf(labels, k);
    }

    private static int checkClasses(int k, List<String> classNames) {
        if (k < 2) {
            throw new IllegalArgumentException("classification needs at least 2 outputs (one per class), got " + k);
        }
        if (classNames != null && classNames.size() != k) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + k + " model outputs");
        }
        return k;
    }

    private static List<String> names(int k, List<String> classNames) {
        if (classNames != null) {
            return classNames;
        }
        List<String> names = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            names.add(String.valueOf(c));
        }
        return names;
    }

    /** Counts predictions and the rank of the actual class, chunk by chunk; the first chunk's width fixes k. */
    private static final class Accumulator {

        private final List<String> classNames;
        private final int[] ranks;
        private long[][] confusion;

        Accumulator(List<String> classNames, int examples) {
            this.classNames = classNames;
            this.ranks = new int[examples];
        }

        void add(INDArray scores, int[] actual, int offset) {
            if (confusion == null) {
                int classes = checkClasses((int) scores.columns(), classNames);
                confusion = new long[classes][classes];
            }
            int k = confusion.length;
            int rows = (int) scores.rows();
            float[] values = JavaArrays.toFloats(scores);
            for (int r = 0; r < rows; r++) {
                int truth = OneHot.classIndex(actual[offset + r], offset + r, k);
                int base = r * k;
                int best = JavaArrays.argmax(values, base, k);
                float trueScore = values[base + truth];
                int rank = 0;
                for (int c = 0; c < k; c++) {
                    float score = values[base + c];
                    if (score > trueScore || (score == trueScore && c < truth)) {
                        rank++;
                    }
                }
                confusion[truth][best]++;
                ranks[offset + r] = rank;
            }
        }

        ClassificationReport report() {
            return new ClassificationReport(confusion, names(confusion.length, classNames), ranks);
        }
    }
}
