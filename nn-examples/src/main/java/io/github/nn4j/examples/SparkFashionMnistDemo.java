package io.github.nn4j.examples;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.data.Split;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.spark.DistributedData;
import io.github.nn4j.spark.SparkPredictor;
import io.github.nn4j.spark.SparkSetup;
import io.github.nn4j.spark.SparkTrainer;
import io.github.nn4j.spark.SparkTrainerBuilder;
import io.github.nn4j.train.EarlyStopping;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.io.IOException;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains the README's Fashion-MNIST network on one machine and on Spark with the same recipe, and
 * prints the two test accuracies, times and how far apart the two models' weights are.
 *
 * <pre>
 * mvn -q -pl nn-examples -am compile exec:exec@spark-demo [-Dspark.master=spark://host:7077]
 *     [-Dnn4j.args="epochs averaging-k"]
 * </pre>
 *
 * <p>Recipe (the README's {@code fast} one): 784-256-128-10 with ReLU and dropout 0.1, He
 * initialization, pixels standardized, Adam 2e-3 annealed to 0 on a cosine, batches of 256 (the
 * global batch on Spark), 8 epochs, 5,000 training images held out for validation, the weights of
 * the best validation epoch kept. The master is {@code local[*]} unless {@code spark.master} says
 * otherwise; the optional second argument adds a run in averaging mode with that many local steps.
 * The data comes from the {@code dataset-fashion-mnist} package ({@code -Dnn4j.fashionMnist.dir}
 * points elsewhere), read on the driver and spread over the cluster.
 */
public final class SparkFashionMnistDemo {

    private static final long SEED = 42;
    private static final int BATCH = 256;
    private static final double LEARNING_RATE = 2e-3;

    private SparkFashionMnistDemo() {
    }

    /**
     * Runs the comparison.
     *
     * @param args optionally the number of epochs (default 8), then averaging mode's local steps (default: no such run)
     * @throws IOException when the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int averaging = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        FashionMnist data = FashionMnist.load(FashionMnist.defaultDirectory());
        Split split = data.train().split(5_000, SEED);
        Standardizer pixels = Standardizer.fit(split.train());
        DataSet train = pixels.transform(split.train());
        DataSet validation = pixels.transform(split.validation());
        DataSet test = pixels.transform(data.test());

        Sequential local = network();
        long start = System.nanoTime();
        History localHistory = Trainer.builder(local).loss(Loss.softmaxCrossEntropy())
                .optimizer(new Adam(LEARNING_RATE)).schedule(LearningRateSchedule.cosine(LEARNING_RATE, 0, epochs))
                .batchSize(BATCH).epochs(epochs).seed(SEED).progressBar(false).listener(keepBest()).build()
                .fit(train, validation);
        report("one machine (Trainer)", local, localHistory, test, start);

        SparkConf conf = SparkSetup.useKryo(new SparkConf().setAppName("nn4j Fashion-MNIST")
                .setIfMissing("spark.master", "local[*]").set("spark.ui.enabled", "false"));
        try (JavaSparkContext context = new JavaSparkContext(conf)) {
            int partitions = context.defaultParallelism();
            DistributedData sparkTrain = DistributedData.of(context, train, partitions);
            DistributedData sparkValidation = DistributedData.of(context, validation, partitions);
            String where = context.master() + ", " + partitions + " partitions";

            Sequential synchronous = network();
            start = System.nanoTime();
            History history = configure(SparkTrainer.builder(synchronous), epochs).build()
                    .fit(sparkTrain, sparkValidation);
            report("Spark synchronous (" + where + ")", synchronous, history, test, start);
            System.out.printf(Locale.ROOT, "  weights vs one machine: max |difference| / max |weight| = %.2e%n",
                    relativeDifference(synchronous, local));
            try (SparkPredictor predictor = SparkPredictor.of(context, synchronous)) {
                ClassificationReport distributed = predictor.classify(
                        DistributedData.of(context, test, partitions), FashionMnist.CLASS_NAMES);
                System.out.printf(Locale.ROOT, "  test accuracy evaluated on the cluster: %.4f%n",
                        distributed.accuracy());
            }
            if (averaging > 0) {
                Sequential averaged = network();
                start = System.nanoTime();
                History averagedHistory = configure(SparkTrainer.builder(averaged), epochs).averaging(averaging)
                        .build().fit(sparkTrain, sparkValidation);
                report("Spark averaging k=" + averaging + " (" + where + ")", averaged, averagedHistory, test, start);
            }
        }
    }

    private static SparkTrainerBuilder configure(SparkTrainerBuilder builder, int epochs) {
        return builder.loss(Loss::softmaxCrossEntropy).optimizer(new Adam(LEARNING_RATE))
                .schedule(LearningRateSchedule.cosine(LEARNING_RATE, 0, epochs)).batchSize(BATCH).epochs(epochs)
                .seed(SEED).progressBar(false).listener(keepBest());
    }

    private static EarlyStopping keepBest() {
        return EarlyStopping.monitor("val_accuracy").patience(5);
    }

    private static Sequential network() {
        return new Sequential(new Dense(784, 256), new ReLU(), new Dropout(0.1), new Dense(256, 128), new ReLU(),
                new Dropout(0.1), new Dense(128, 10)).init(Initializer.he(), SEED);
    }

    private static void report(String what, Sequential model, History history, DataSet test, long start) {
        double seconds = 0;
        long samples = 0;
        for (EpochResult epoch : history.epochResults()) {
            seconds += epoch.trainSeconds();
            samples += epoch.samples();
        }
        System.out.printf(Locale.ROOT, "%-45s test accuracy %.4f; %d epochs, %.1f s of training steps "
                        + "(%,.0f samples/s), %.1f s in all%n", what, Evaluation.classify(model, test).accuracy(),
                history.epochs(), seconds, samples / seconds, (System.nanoTime() - start) / 1e9);
    }

    private static double relativeDifference(Sequential a, Sequential b) {
        return JavaArrays.relativeDifference(JavaArrays.toDoubles(a.parameterSet().values()),
                JavaArrays.toDoubles(b.parameterSet().values()));
    }
}
