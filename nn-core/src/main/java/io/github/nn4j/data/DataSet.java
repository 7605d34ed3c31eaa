package io.github.nn4j.data;

import io.github.nn4j.base.Shapes;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Examples for training or evaluation: features {@code [n, d]} and labels, one row per example.
 *
 * <p>Labels are either a matrix {@code [n, k]} (one-hot classes or regression targets) or class
 * indices {@code [n]} / {@code [n, 1]}. The constructor checks the shapes and that every feature
 * and label is finite, so training never starts on bad data.
 *
 * <p>A data set is immutable in use: shuffling, splitting, subsets and one-hot encoding return
 * new data sets with their own copies of the rows.
 *
 * <pre>{@code
 * DataSet xor = new DataSet(
 *         Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
 *         Nd4j.create(new float[][] {{0}, {1}, {1}, {0}}));
 *
 * Split split = xor.split(1, 42);                  // seeded: one random row held out
 * DataSet firstTwo = split.train().first(2);
 * }</pre>
 */
public final class DataSet {

    private final INDArray features;
    private final INDArray labels;

    /**
     * Wraps features and labels.
     *
     * @param features {@code [n, d]}, n ≥ 1, all finite
     * @param labels   {@code [n, k]}, {@code [n]} or {@code [n, 1]}
     * @throws IllegalArgumentException naming the problem and the shapes
     */
    public DataSet(INDArray features, INDArray labels) {
        if (features == null || features.rank() != 2) {
            throw new IllegalArgumentException("features must be a [examples, features] matrix, got "
                    + Shapes.of(features));
        }
        if (features.rows() == 0) {
            throw new IllegalArgumentException("data set is empty: features " + Shapes.of(features));
        }
        if (labels == null || labels.rank() > 2 || labels.size(0) != features.rows()) {
            throw new IllegalArgumentException("labels must have one row per example: features "
                    + Shapes.of(features) + ", labels " + Shapes.of(labels));
        }
        long bad = Nd4j.getExecutioner().exec(new MatchCondition(features, Conditions.notFinite())).getLong(0);
        if (bad > 0) {
            throw new IllegalArgumentException("features " + Shapes.of(features) + " contain " + bad
                    + " NaN or infinite value(s)");
        }
        long badLabels = Nd4j.getExecutioner().exec(new MatchCondition(labels, Conditions.notFinite())).getLong(0);
        if (badLabels > 0) {
            throw new IllegalArgumentException("labels " + Shapes.of(labels) + " contain " + badLabels
                    + " NaN or infinite value(s)");
        }
        this.features = features;
        this.labels = labels.rank() == 1 ? labels.reshape(labels.length(), 1) : labels;
    }

    /** The features, {@code [n, d]}. */
    public INDArray features() {
        return features;
    }

    /** The labels, {@code [n, k]} or class indices {@code [n, 1]}. */
    public INDArray labels() {
        return labels;
    }

    /** Number of examples n. */
    public int size() {
        return (int) features.rows();
    }

    /** Number of features d per example. */
    public int featureCount() {
        return (int) features.columns();
    }

    /** Whether the labels are a column of class indices rather than a matrix of targets. */
    public boolean hasClassIndices() {
        return labels.columns() == 1;
    }

    /**
     * The class of every example: the label itself for class indices, otherwise the position
     * of the largest value in the label row (the first on ties).
     *
     * @return n class indices
     * @throws IllegalArgumentException if a class-index label is not a whole number ≥ 0
     */
    public int[] classIndices() {
        return OneHot.classesOf(labels, hasClassIndices() ? Integer.MAX_VALUE : (int) labels.columns());
    }

    /**
     * The same examples with class-index labels replaced by one-hot rows {@code [n, classes]}.
     *
     * @param classes the number of classes
     * @return a new data set sharing the features
     * @throws IllegalStateException if the labels are not class indices
     * @throws IllegalArgumentException naming the row of a label outside {@code [0, classes)}
     */
    public DataSet oneHot(int classes) {
        if (!hasClassIndices()) {
            throw new IllegalStateException("one-hot encoding needs class-index labels [n, 1], got labels "
                    + Shapes.of(labels));
        }
        return new DataSet(features, OneHot.encode(labels, classes).castTo(features.dataType()));
    }

    /**
     * The examples in a random order drawn from {@code seed}.
     *
     * @param seed the seed; the same seed gives the same order
     * @return a new data set
     */
    public DataSet shuffle(long seed) {
        return rows(permutation(size(), seed));
    }

    /**
     * Holds out {@code validationCount} examples chosen at random (from {@code seed}) for
     * validation; the rest, in random order too, are for training.
     *
     * @param validationCount examples to hold out, in {@code [1, n − 1]}
     * @param seed            the seed; the same seed gives the same split
     * @return the two parts
     */
    public Split split(int validationCount, long seed) {
        if (validationCount < 1 || validationCount >= size()) {
            throw new IllegalArgumentException("cannot hold out " + validationCount + " of " + size()
                    + " examples: both parts need at least one");
        }
        int[] order = permutation(size(), seed);
        int trainCount = size() - validationCount;
        int[] trainRows = Arrays.copyOfRange(order, 0, trainCount);
        int[] validationRows = Arrays.copyOfRange(order, trainCount, order.length);
        return new Split(rows(trainRows), rows(validationRows));
    }

    /**
     * Holds out a fraction of the examples for validation, as {@link #split(int, long)} with
     * {@code round(fraction · n)} examples.
     *
     * @param validationFraction in (0, 1)
     * @param seed               the seed
     * @return the two parts
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        return split((int) Math.round(validationFraction * size()), seed);
    }

    /**
     * The examples {@code from} (inclusive) to {@code to} (exclusive), copied.
     *
     * @param from first row
     * @param to   one past the last row
     * @return a new data set of {@code to − from} examples
     */
    public DataSet subset(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("subset [" + from + ", " + to + ") is not a non-empty range of the "
                    + size() + " examples");
        }
        return new DataSet(features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c'),
                labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c'));
    }

    /**
     * The first {@code count} examples (all of them if there are fewer).
     *
     * @param count at least 1
     * @return a new data set
     */
    public DataSet first(int count) {
        return subset(0, Math.min(count, size()));
    }

    /**
     * The examples at the given rows, in that order, copied.
     *
     * @param rows row numbers in {@code [0, n)}, repeats allowed
     * @return a new data set
     */
    public DataSet rows(int[] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size()) {
                throw new IllegalArgumentException("row " + rows[i] + " at position " + i + " is outside the "
                        + size() + " examples");
            }
        }
        return new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(labels, 1, rows));
    }

    /**
     * The same labels with other features, e.g. normalized ones.
     *
     * @param newFeatures {@code [n, d']} with the same n
     * @return a new data set sharing the labels
     */
    public DataSet withFeatures(INDArray newFeatures) {
        return new DataSet(newFeatures, labels);
    }

    /** A Fisher–Yates permutation of {@code 0 … n−1} from {@code seed}, as used by shuffling and splits. */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    @Override
    public String toString() {
        return "DataSet(features " + Shapes.of(features) + ", labels " + Shapes.of(labels) + ")";
    }
}
