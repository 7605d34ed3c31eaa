package io.github.nn4j.examples;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Split;
import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.examples.plot.Plots;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.train.EarlyStopping;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a 784-256-128-10 MLP on Fashion-MNIST, reports test accuracy, the confusion matrix and
 * per-class precision, recall and F1, saves the model, reloads it and checks that it gives the
 * same test accuracy, and draws the training curves, the confusion matrix and a grid of
 * misclassified test images.
 *
 * <pre>
 * mvn -q -pl nn-examples -am compile exec:java \
 *     -Dexec.mainClass=io.github.nn4j.examples.FashionMnistDemo ["-Dexec.args=output-dir [data-dir]"]
 * </pre>
 *
 * <p>5,000 training images are held out to validate on after every epoch, and the model keeps
 * the weights of the epoch with the best validation accuracy. The network and how it is trained
 * are in {@link FashionMnistRecipe}: {@code fast} by default, {@code reference} (the recipe the
 * peers were timed with) with {@code -Dnn4j.recipe=reference}. The pictures are drawn by
 * {@link FashionMnistPlots}.
 *
 * <p>Everything is written to the output directory (default {@code nn-examples/output}):
 * {@value #MODEL_FILE}, {@value FashionMnistPlots#CURVES_FILE},
 * {@value FashionMnistPlots#CONFUSION_FILE}, {@value FashionMnistPlots#MISCLASSIFIED_FILE} and
 * {@value #HISTORY_FILE}. The data comes from the {@code dataset-fashion-mnist} package
 * ({@code sudo apt-get install dataset-fashion-mnist}), or from the directory given as the
 * second argument.
 */
public final class FashionMnistDemo {

    static final String MODEL_FILE = "fashion-mnist.nn4j";
    static final String HISTORY_FILE = "fashion-history.csv";

    /** The system property that picks the recipe: {@code fast} (default) or {@code reference}. */
    static final String RECIPE_PROPERTY = "nn4j.recipe";

    private static final int VALIDATION_SIZE = 5_000;

    private FashionMnistDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args optionally the output directory, then the directory holding the four Fashion-MNIST files
     * @throws IOException if a data file is corrupt or unreadable, or an output cannot be written
     */
    public static void main(String[] args) throws IOException {
        Plots.headless();
        FashionMnist data = loadOrExit(dataDirectory(args));
        Path output = Plots.outputDirectory(args);
        FashionMnistRecipe recipe = FashionMnistRecipe.named(System.getProperty(RECIPE_PROPERTY, FashionMnistRecipe.FAST.name()));
        Split split = data.train().split(VALIDATION_SIZE, FashionMnistRecipe.SEED);
        Normalizer normalizer = recipe.normalizer(split.train());
        DataSet train = normalized(split.train(), normalizer);
        DataSet validation = normalized(split.validation(), normalizer);

        Sequential model = recipe.network();
        EarlyStopping keepBest = EarlyStopping.monitor("val_accuracy").patience(5);   // restores the best epoch
        Trainer trainer = recipe.trainer(model, keepBest);
        System.out.print(model.summary());
        System.out.println(recipe.describe(train.size(), validation.size()));
        long fitStart = System.nanoTime();
        History history = trainer.fit(train, validation);
        double fitSeconds = (System.nanoTime() - fitStart) / 1e9;

        DataSet test = data.test();
        INDArray scores = model.predict(normalized(test, normalizer).features());
        ClassificationReport report = Evaluation.classify(scores, test.labels(), FashionMnist.CLASS_NAMES);
        printResults(report, keepBest, history, fitSeconds);
        boolean identical = saveAndReload(model, normalizer, output.resolve(MODEL_FILE), test, scores,
                report.accuracy());
        history.writeCsv(output.resolve(HISTORY_FILE));
        System.out.println("wrote " + output.resolve(HISTORY_FILE));
        FashionMnistPlots.write(output, history, report, test, scores);
        if (!identical) {
            System.exit(2);
        }
    }

    /** The data set, or the loader's message on how to install it and exit code 1 when it is not there. */
    private static FashionMnist loadOrExit(Path directory) throws IOException {
        try {
            return FashionMnist.load(directory);
        } catch (FileNotFoundException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            throw e;
        }
    }

    /** Test accuracy, the training time, the confusion table and the per-class report. */
    private static void printResults(ClassificationReport report, EarlyStopping keepBest, History history,
            double fitSeconds) {
        double trainSeconds = 0;
        long samples = 0;
        for (EpochResult epoch : history.epochResults()) {
            trainSeconds += epoch.trainSeconds();
            samples += epoch.samples();
        }
        System.out.printf(Locale.ROOT, "%nTest accuracy %.4f (top-2 %.4f) with the weights of epoch %d "
                        + "(validation accuracy %.4f)%n", report.accuracy(), report.topKAccuracy(2),
                keepBest.bestEpoch(), keepBest.bestValue());
        System.out.printf(Locale.ROOT, "%d epochs: %.1f s of training steps, %.1f s with validation; "
                        + "mean %,.0f samples/s%n%n", history.epochs(), trainSeconds, fitSeconds,
                samples / trainSeconds);
        System.out.println(report.confusionTable());
        System.out.println(report);
    }

    /**
     * Saves the model (with its normalizer, if any), loads both back as a serving application
     * would, and checks that they score the raw test images bitwise as before.
     */
    private static boolean saveAndReload(Sequential model, Normalizer normalizer, Path file, DataSet test,
            INDArray scores, double accuracy) throws IOException {
        if (normalizer == null) {
            ModelFile.write(file, model);
        } else {
            ModelFile.write(file, model, normalizer);
        }
        SavedModel saved = ModelFile.readAll(file);
        INDArray features = saved.normalizer().map(n -> n.transform(test.features())).orElse(test.features());
        INDArray reloadedScores = saved.model().predict(features);
        double reloadedAccuracy = Evaluation.classify(reloadedScores, test.labels(), FashionMnist.CLASS_NAMES)
                .accuracy();
        boolean identical = reloadedAccuracy == accuracy
                && Arrays.deepEquals(reloadedScores.toFloatMatrix(), scores.toFloatMatrix());   // bitwise
        System.out.printf(Locale.ROOT, "saved the model to %s%n", file);
        System.out.printf(Locale.ROOT, "trained model:  test accuracy %.4f%n", accuracy);
        System.out.printf(Locale.ROOT, "reloaded model: test accuracy %.4f (%s)%n", reloadedAccuracy,
                identical ? "identical" : "DIFFERENT from the trained model");
        return identical;
    }

    /**
     * Where the Fashion-MNIST files are: the second argument if given, otherwise
     * {@link FashionMnist#defaultDirectory()} (the package's directory, or {@code -Dnn4j.fashionMnist.dir}).
     *
     * @param args the demo's arguments: output directory, data directory
     * @return the data directory
     */
    static Path dataDirectory(String[] args) {
        return args.length > 1 && !args[1].isBlank() ? Path.of(args[1]) : FashionMnist.defaultDirectory();
    }

    /** {@code data} with its features transformed by {@code normalizer}, or {@code data} itself when there is none. */
    private static DataSet normalized(DataSet data, Normalizer normalizer) {
        return normalizer == null ? data : normalizer.transform(data);
    }
}
