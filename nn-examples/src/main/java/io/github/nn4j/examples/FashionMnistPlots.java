package io.github.nn4j.examples;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Mode;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.examples.plot.ConfusionHeatmap;
import io.github.nn4j.examples.plot.ImageGrid;
import io.github.nn4j.examples.plot.TrainingCurves;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.train.History;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pictures of {@link FashionMnistDemo}: the training curves, the confusion matrix as a heat
 * map, and a grid of the first misclassified test images, each captioned with its true class
 * and the predicted one with the model's probability for it.
 */
final class FashionMnistPlots {

    static final String CURVES_FILE = "fashion-curves.png";
    static final String CONFUSION_FILE = "fashion-confusion.png";
    static final String MISCLASSIFIED_FILE = "fashion-misclassified.png";
    /** Misclassified images in the grid: four rows of {@link ImageGrid#COLUMNS}. */
    static final int GRID_IMAGES = 32;

    private FashionMnistPlots() {
    }

    /**
     * Writes the three pictures into {@code output} and prints their paths.
     *
     * @param output  the output directory
     * @param history the training history, for the curves
     * @param report  the test-set report, for the confusion matrix
     * @param test    the raw test images and labels
     * @param logits  the model's {@code [n, 10]} logits for the test images
     */
    static void write(Path output, History history, ClassificationReport report, DataSet test, INDArray logits) {
        System.out.println("wrote " + TrainingCurves.save(output.resolve(CURVES_FILE), history));
        System.out.println("wrote " + ConfusionHeatmap.save(output.resolve(CONFUSION_FILE),
                counts(report.confusionMatrix()), FashionMnist.CLASS_NAMES.toArray(String[]::new)));
        int classes = (int) logits.columns();
        float[] scores = JavaArrays.toFloats(logits);
        float[] probabilities = JavaArrays.toFloats(new Softmax().forward(logits, Mode.EVAL));
        int[] actual = test.classIndices();
        int[] predicted = IntStream.range(0, actual.length)
                .map(i -> JavaArrays.argmax(scores, i * classes, classes)).toArray();   // as the report
        int[] shown = misclassified(predicted, actual, GRID_IMAGES);
        float[][] images = new float[shown.length][];
        String[] captions = new String[shown.length];
        for (int k = 0; k < shown.length; k++) {
            int i = shown[k];
            images[k] = test.features().getRow(i).toFloatVector();
            captions[k] = caption(FashionMnist.CLASS_NAMES.get(actual[i]), FashionMnist.CLASS_NAMES.get(predicted[i]),
                    probabilities[i * classes + predicted[i]]);
        }
        System.out.printf(Locale.ROOT, "wrote %s (the first %d of %,d misclassified test images)%n",
                ImageGrid.save(output.resolve(MISCLASSIFIED_FILE), images, captions), shown.length,
                misclassified(predicted, actual, actual.length).length);
    }

    /**
     * The first misclassified examples in test-set order: an unselected sample of the model's
     * mistakes, so the grid shows the typical confusions of the confusion matrix.
     *
     * @param predicted per example, the predicted class
     * @param actual    per example, the true class
     * @param limit     at most this many
     * @return the example indices, ascending
     */
    static int[] misclassified(int[] predicted, int[] actual, int limit) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " labels");
        }
        return IntStream.range(0, actual.length).filter(i -> predicted[i] != actual[i]).limit(limit).toArray();
    }

    /**
     * The two-line caption under a misclassified image: the true class over the predicted one
     * with the model's probability for it, e.g. {@code "true: Shirt\n→ T-shirt/top 97%"}. A
     * probability that would round to 100% is shown as {@code ">99%"}, since the model is never
     * certain.
     *
     * @param actual      the true class name
     * @param predicted   the predicted class name
     * @param probability the model's probability for the predicted class, in [0, 1]
     * @return the caption, lines separated by {@code '\n'}
     */
    static String caption(String actual, String predicted, double probability) {
        String percent = probability >= 0.995 ? ">99%" : String.format(Locale.ROOT, "%.0f%%", 100 * probability);
        return "true: " + actual + "\n→ " + predicted + " " + percent;
    }

    private static int[][] counts(long[][] matrix) {
        return Arrays.stream(matrix).map(row -> Arrays.stream(row).mapToInt(Math::toIntExact).toArray())
                .toArray(int[][]::new);
    }
}
