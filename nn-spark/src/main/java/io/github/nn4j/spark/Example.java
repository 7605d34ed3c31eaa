package io.github.nn4j.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example for an RDD: its features and its label, as plain float arrays.
 *
 * <pre>{@code
 * JavaRDD<Example> examples = lines.map(line -> Example.ofClass(pixels(line), digit(line)));
 * History history = trainer.fit(DistributedData.of(examples));
 * }</pre>
 *
 * <p>The label is what a {@code DataSet}'s label row would be: one class index for a classifier
 * ({@link #ofClass}), a one-hot row, or the target values of a regression. A plain serializable
 * class rather than a record, so that Kryo can serialize it too. The arrays are not copied:
 * do not change them after handing them over.
 */
public final class Example implements Serializable {

    private static final long serialVersionUID = 1L;

    private final float[] features;
    private final float[] label;

    /**
     * An example with a label row.
     *
     * @param features the features
     * @param label    the label row: a class index, a one-hot row or regression targets
     * @throws IllegalArgumentException when either is null or the label is empty
     */
    public Example(float[] features, float[] label) {
        if (features == null || label == null || label.length == 0) {
            throw new IllegalArgumentException("an example needs features and a label of at least one value");
        }
        this.features = features;
        this.label = label;
    }

    /**
     * An example of a classification task.
     *
     * @param features   the features
     * @param classIndex the class, from 0
     * @return the example, its label the class index as one value
     */
    public static Example ofClass(float[] features, int classIndex) {
        return new Example(features, new float[] {classIndex});
    }

    /** The features (not a copy). */
    public float[] features() {
        return features;
    }

    /** The label row (not a copy). */
    public float[] label() {
        return label;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Example that && Arrays.equals(features, that.features)
                && Arrays.equals(label, that.label);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Arrays.hashCode(label);
    }

    @Override
    public String toString() {
        return "Example(" + features.length + " features, label " + Arrays.toString(label) + ")";
    }
}
