package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole path on real data: IDX files → data sets → training → evaluation. Trains a
 * 784-64-10 MLP on the first 10,000 Fashion-MNIST training images, keeps the weights of the epoch
 * with the best accuracy on 2,000 other training images, and checks accuracy on the test set.
 *
 * <p>Needs the {@code dataset-fashion-mnist} package. Without it the test is skipped, except on
 * CI ({@code CI=true}), where it fails: CI must prove the real-data path.
 */
class FashionMnistIntegrationTest {

    @Test
    void smallMlpReachesEightyPercentOnTheTestSet() throws Exception {
        Path directory = FashionMnist.defaultDirectory();
        if (!FashionMnist.isAvailable(directory)) {
            String message = "Fashion-MNIST is not in " + directory + "; install it with `"
                    + FashionMnist.INSTALL_COMMAND + "`";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so this test must run)");
            }
            Assumptions.abort(message);
        }
        FashionMnist data = FashionMnist.load(directory);
        DataSet train = data.train().first(10_000);
        DataSet validation = data.train().subset(58_000, 60_000);
        EarlyStopping stopping = EarlyStopping.monitor("val_accuracy").patience(3);
        Sequential model = new Sequential(new Dense(784, 64), new ReLU(), new Dense(64, 10)).init(Initializer.he(), 1);
        History history = Trainer.builder(model)
                .loss(Loss.softmaxCrossEntropy())
                .optimizer(new Sgd(0.05))
                .batchSize(32).epochs(10).seed(1)
                .progressBar(false)
                .listener(stopping)
                .build()
                .fit(train, validation);
        ClassificationReport report = Evaluation.classify(model, data.test(), FashionMnist.CLASS_NAMES);
        System.out.printf(java.util.Locale.ROOT, "Fashion-MNIST, 10,000 training images, %d epochs, "
                + "weights of epoch %d: validation accuracy %s, test accuracy %.4f%n",
                history.epochs(), stopping.bestEpoch(), history.metric("val_accuracy"), report.accuracy());
        assertTrue(report.accuracy() >= 0.80, "test accuracy " + report.accuracy() + " after " + history
                + "\n" + report.confusionTable() + report);
    }
}
