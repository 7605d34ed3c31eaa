package io.github.nn4j.examples;

import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.data.Split;
import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.EarlyStopping;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a 784-256-128-10 MLP on Fashion-MNIST and reports test accuracy, the confusion matrix
 * and per-class precision, recall and F1.
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE mvn -q -pl nn-examples -am compile exec:java \
 *     -Dexec.mainClass=io.github.nn4j.examples.FashionMnistDemo [-Dexec.args=/path/to/data]
 * </pre>
 *
 * <p>The data comes from the {@code dataset-fashion-mnist} package
 * ({@code sudo apt-get install dataset-fashion-mnist}) or from the directory given as the first
 * argument. 5,000 training images are held out to validate on after every epoch, and the model
 * keeps the weights of the epoch with the best validation accuracy.
 */
public final class FashionMnistDemo {

    private static final long SEED = 42;
    private static final int EPOCHS = 15;
    private static final int BATCH_SIZE = 64;

    private FashionMnistDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args optionally the directory holding the four Fashion-MNIST files
     * @throws IOException if a data file is corrupt or unreadable
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : FashionMnist.defaultDirectory();
        FashionMnist data;
        try {
            data = FashionMnist.load(directory);
        } catch (FileNotFoundException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Split split = data.train().split(5_000, SEED);

        List<Layer> layers = new ArrayList<>();
        hidden(layers, 784, 256);
        hidden(layers, 256, 128);
        layers.add(new Dense(128, 10));                                  // logits
        Sequential model = new Sequential(layers).init(Initializer.he(), SEED);
        Optimizer optimizer = new Sgd(0.1);                              // Adam(1e-3) once it lands

        EarlyStopping keepBest = EarlyStopping.monitor("val_accuracy").patience(5);   // restores the best epoch
        Trainer trainer = Trainer.builder(model)
                .loss(Loss.softmaxCrossEntropy())
                .optimizer(optimizer)
                .batchSize(BATCH_SIZE).epochs(EPOCHS).seed(SEED)
                .listener(keepBest)
                .build();
        System.out.printf(Locale.ROOT, "%s, %,d parameters; training on %,d images, validating on %,d%n",
                model, model.parameterCount(), split.train().size(), split.validation().size());
        History history = trainer.fit(split.train(), split.validation());

        ClassificationReport report = Evaluation.classify(model, data.test(), FashionMnist.CLASS_NAMES);
        double trainSeconds = 0;
        long samples = 0;
        for (EpochResult epoch : history.epochResults()) {
            trainSeconds += epoch.trainSeconds();
            samples += epoch.samples();
        }
        System.out.printf(Locale.ROOT, "%nTest accuracy %.4f (top-2 %.4f) with the weights of epoch %d (validation "
                        + "accuracy %.4f); %d epochs, %.1f s of training, %,.0f samples/s%n%n", report.accuracy(),
                report.topKAccuracy(2), keepBest.bestEpoch(), keepBest.bestValue(), history.epochs(), trainSeconds,
                samples / trainSeconds);
        System.out.println(report.confusionTable());
        System.out.println(report);
    }

    /** A fully connected hidden layer with ReLU; regularization layers such as dropout go here. */
    private static void hidden(List<Layer> layers, int in, int out) {
        layers.add(new Dense(in, out));
        layers.add(new ReLU());
        // layers.add(new Dropout(0.2));                                // once Dropout lands
    }
}
