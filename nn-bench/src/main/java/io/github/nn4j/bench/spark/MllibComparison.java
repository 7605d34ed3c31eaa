package io.github.nn4j.bench.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.spark.NeuralNetClassifier;
import io.github.nn4j.spark.SparkSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * nn4j's Spark ML classifier against Spark MLlib's {@code MultilayerPerceptronClassifier}, in one
 * run on one master: Fashion-MNIST through the same {@code Pipeline} (a {@code StandardScaler},
 * then the classifier) with the same layer sizes, fit time and test accuracy for each.
 *
 * <pre>
 * mvn -q -pl nn-bench -am compile exec:exec@mllib-bench [-Dnn4j.args="nn4j=1,2,10 mllib=100 local[2]"]
 * </pre>
 *
 * <p>Arguments, all optional, in any order: {@code nn4j=E1,E2,…} (one nn4j fit per epoch count;
 * default 1,2,10), {@code mllib=N} (MLlib's {@code maxIter}, default its own 100),
 * {@code hidden=H} (the hidden layer, default 256: layers 784-H-10 for both), {@code batch=B},
 * {@code lr=R} and {@code dropout=P} (nn4j's {@code blockSize}, {@code stepSize} and
 * {@code dropout}, default 1024, 0.003 and 0.2), the master
 * (default {@code local[2]}), and {@code quick} (5,000 training images, 10 MLlib iterations, one
 * epoch: to check that it runs). MLlib keeps its defaults otherwise (L-BFGS, sigmoid hidden units,
 * {@code blockSize} 128, {@code tol} 1e-6); nn4j uses ReLU and Adam. Both read the same cached
 * DataFrames, read from Parquet files in two partitions; a small fit of each warms the JVM up first. Each nn4j row is a separate fit from
 * scratch, so its time is what a model of that accuracy costs.
 */
public final class MllibComparison {

    private MllibComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args see the class comment
     * @throws IOException when Fashion-MNIST cannot be read
     */
    public static void main(String[] args) throws IOException {
        String master = "local[2]";
        int[] epochs = {1, 2, 10};
        int mllibIterations = 100;
        int hidden = 256;
        int batch = 1024;
        double rate = 0.003;
        double dropout = 0.2;
        int examples = 60_000;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.equals("quick")) {
                examples = 5_000;
                mllibIterations = 10;
                epochs = new int[] {1};
            } else if (arg.startsWith("nn4j=")) {
                epochs = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (arg.startsWith("mllib=")) {
                mllibIterations = Integer.parseInt(value);
            } else if (arg.startsWith("hidden=")) {
                hidden = Integer.parseInt(value);
            } else if (arg.startsWith("batch=")) {
                batch = Integer.parseInt(value);
            } else if (arg.startsWith("lr=")) {
                rate = Double.parseDouble(value);
            } else if (arg.startsWith("dropout=")) {
                dropout = Double.parseDouble(value);
            } else if (arg.startsWith("local") || arg.contains("://")) {
                master = arg;
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        FashionMnist data = FashionMnist.load();
        SparkConf conf = SparkSetup.useKryo(new SparkConf().setMaster(master).setAppName("nn4j vs MLlib")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.broadcast.compress", "false"));
        Path folder = Files.createTempDirectory("nn4j-mllib-bench");
        try (SparkSession session = SparkSession.builder().config(conf).getOrCreate()) {
            Dataset<Row> train = parquet(session, data.train().first(examples), folder.resolve("train")).cache();
            Dataset<Row> test = parquet(session, data.test(), folder.resolve("test")).cache();
            System.err.printf(Locale.ROOT, "Fashion-MNIST: %,d training and %,d test images, %d partitions%n",
                    train.count(), test.count(), train.rdd().getNumPartitions());
            int[] layers = {784, hidden, 10};
            Dataset<Row> warmUp = train.limit(1_000).cache();
            fit(mllib(layers, 2), warmUp);
            fit(nn4j(layers, 1, batch, rate, dropout), warmUp);

            List<String> rows = new ArrayList<>();
            Result reference = run(mllib(layers, mllibIterations), train, test);
            rows.add(row(master, "MLlib MultilayerPerceptronClassifier", "L-BFGS, maxIter " + mllibIterations
                    + ", sigmoid, blockSize 128", reference, reference));
            for (int e : epochs) {
                Result result = run(nn4j(layers, e, batch, rate, dropout), train, test);
                rows.add(row(master, "nn4j NeuralNetClassifier", "Adam " + rate + ", maxIter " + e + ", ReLU, dropout "
                        + dropout + ", blockSize " + batch, result, reference));
            }
            System.out.println("| master | classifier (784-" + hidden + "-10) | settings | fit s | test accuracy "
                    + "| time / MLlib's | accuracy − MLlib's |");
            System.out.println("|---|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static PipelineStage mllib(int[] layers, int iterations) {
        return new MultilayerPerceptronClassifier().setLayers(layers).setMaxIter(iterations).setSeed(42);
    }

    private static PipelineStage nn4j(int[] layers, int epochs, int batch, double rate, double dropout) {
        return new NeuralNetClassifier().setLayers(layers).setMaxIter(epochs).setBlockSize(batch).setStepSize(rate)
                .setDropout(dropout).setSeed(42);
    }

    /** The pipeline's fit time and its model's test accuracy. */
    private static Result run(PipelineStage classifier, Dataset<Row> train, Dataset<Row> test) {
        long start = System.nanoTime();
        PipelineModel model = fit(classifier, train);
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(test));
        System.err.printf(Locale.ROOT, "%s: %.1f s, test accuracy %.4f%n", classifier.getClass().getSimpleName(),
                seconds, accuracy);
        return new Result(seconds, accuracy);
    }

    private static PipelineModel fit(PipelineStage classifier, Dataset<Row> train) {
        StandardScaler scaler = new StandardScaler().setInputCol("pixels").setOutputCol("features")
                .setWithMean(true).setWithStd(true);
        return new Pipeline().setStages(new PipelineStage[] {scaler, classifier}).fit(train);
    }

    private static String row(String master, String classifier, String settings, Result result, Result reference) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.4f | %.2f | %+.2f points |", master, classifier,
                settings, result.seconds, result.accuracy, result.seconds / reference.seconds,
                100 * (result.accuracy - reference.accuracy));
    }

    /**
     * The data written as Parquet in two files and read back, as a Spark user's data would come: a
     * DataFrame made from a driver's list would carry its rows inside every task of every job.
     */
    private static Dataset<Row> parquet(SparkSession session, DataSet data, Path path) {
        frame(session, data).repartition(2).write().parquet(path.toUri().toString());
        return session.read().parquet(path.toUri().toString());
    }

    /** Rows of {@code pixels} (an ML vector of 784 values in [0, 1]) and {@code label} (the class, a double). */
    private static Dataset<Row> frame(SparkSession session, DataSet data) {
        float[] pixels = JavaArrays.toFloats(data.features());
        float[] labels = JavaArrays.toFloats(data.labels());
        int d = data.featureCount();
        List<Row> rows = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = pixels[i * d + j];
            }
            rows.add(RowFactory.create(Vectors.dense(x), (double) labels[i]));
        }
        StructType schema = new StructType().add("pixels", new VectorUDT()).add("label", DataTypes.DoubleType);
        return session.createDataFrame(rows, schema);
    }

    private record Result(double seconds, double accuracy) {
    }
}
