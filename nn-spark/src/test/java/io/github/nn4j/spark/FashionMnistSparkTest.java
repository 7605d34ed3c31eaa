package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Fashion-MNIST on {@code local[2]}: synchronous Spark training reaches one machine's test accuracy
 * with the same recipe (here on the first 5,000 training images for 2 epochs, to stay short; the
 * demo runs the whole comparison), and averaging mode with 5 local steps still learns.
 *
 * <p>Needs the {@code dataset-fashion-mnist} package: skipped without it, failed on CI ({@code CI=true}).
 */
class FashionMnistSparkTest {

    private static final int EXAMPLES = 5_000;
    private static final int EPOCHS = 2;
    private static final int BATCH = 250;

    @Test
    void sparkReachesOneMachinesAccuracyAndAveragingLearns() throws Exception {
        Path directory = FashionMnist.defaultDirectory();
        // Skipped without the data, except on CI, where load() then fails naming the missing file.
        Assumptions.assumeTrue(FashionMnist.isAvailable(directory) || "true".equalsIgnoreCase(System.getenv("CI")),
                () -> "Fashion-MNIST is not in " + directory + "; install it with `" + FashionMnist.INSTALL_COMMAND + "`");
        FashionMnist data = FashionMnist.load(directory);
        DataSet train = data.train().first(EXAMPLES);
        DataSet test = data.test();

        Sequential local = network();
        Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(2e-3))
                .schedule(LearningRateSchedule.cosine(2e-3, 0, EPOCHS)).batchSize(BATCH).epochs(EPOCHS).seed(42)
                .logEpochs(false).progressBar(false).build().fit(train);
        double localAccuracy = Evaluation.classify(local, test).accuracy();

        try (JavaSparkContext context = SparkTesting.context("local[2]")) {
            DistributedData distributed = DistributedData.of(context, train, 2);
            Sequential synchronous = network();
            SparkTrainer.builder(synchronous).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(2e-3))
                    .schedule(LearningRateSchedule.cosine(2e-3, 0, EPOCHS)).batchSize(BATCH).epochs(EPOCHS).seed(42)
                    .logEpochs(false).progressBar(false).build().fit(distributed);
            double sparkAccuracy = Evaluation.classify(synchronous, test).accuracy();

            Sequential averaged = network();
            History averaging = SparkTrainer.builder(averaged).loss(Loss::softmaxCrossEntropy)
                    .optimizer(new Adam(2e-3)).averaging(5).batchSize(BATCH).epochs(EPOCHS).seed(42)
                    .logEpochs(false).progressBar(false).build().fit(distributed);
            double averagedAccuracy = Evaluation.classify(averaged, test).accuracy();
            List<Double> loss = averaging.metric("loss");

            System.out.printf(Locale.ROOT, "Fashion-MNIST, %,d images, %d epochs: test accuracy one machine %.4f, "
                    + "Spark synchronous %.4f, Spark averaging k=5 %.4f (loss %s)%n", EXAMPLES, EPOCHS, localAccuracy,
                    sparkAccuracy, averagedAccuracy, loss);
            assertTrue(Math.abs(sparkAccuracy - localAccuracy) <= 0.005,
                    "Spark " + sparkAccuracy + " vs one machine " + localAccuracy);
            assertTrue(loss.get(EPOCHS - 1) < loss.get(0), "averaging mode's loss falls: " + loss);
            assertTrue(averagedAccuracy > 0.7, "averaging mode learns: " + averagedAccuracy);
        }
    }

    private static Sequential network() {
        return new Sequential(new Dense(784, 128), new ReLU(), new Dropout(0.1), new Dense(128, 10))
                .init(Initializer.he(), 7);
    }
}
