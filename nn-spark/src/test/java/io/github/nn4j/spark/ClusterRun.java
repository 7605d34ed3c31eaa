package io.github.nn4j.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.LearningRateSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The training run of the fault tests ({@link ClusterFaultsTest}), the same in the test's JVM and in
 * the driver JVMs it starts: Spark's local-cluster mode (two executor JVMs of one core each), a small
 * model, 80 examples in partitions of 35 and 45, 3 epochs of 5 steps, the fixed reduction order.
 */
final class ClusterRun {

    static final String MASTER = "local-cluster[2,1,1024]";
    static final List<Example> EXAMPLES = SparkTesting.classification(80, 7, 51);

    private ClusterRun() {
    }

    /**
     * The settings of a local-cluster context: executors start as {@code java} processes with this
     * JVM's class path, since Surefire points {@code SPARK_HOME} at a folder with an empty {@code jars}
     * (created here) rather than a Spark distribution.
     */
    static SparkConf conf() {
        return conf(MASTER);
    }

    /** As {@link #conf()}, on {@code master}. */
    static SparkConf conf(String master) {
        String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException("SPARK_HOME must point at a folder (Surefire sets it to target/spark-home)");
        }
        try {
            Files.createDirectories(Path.of(home, "jars"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SparkTesting.conf(master)
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                .set("spark.executor.extraJavaOptions",
                        "-Dnn4j.blas.coretype=" + System.getProperty("nn4j.blas.coretype", "auto"));
    }

    static JavaSparkContext context() {
        return SparkTesting.context(conf());
    }

    /**
     * A local-cluster context with one executor JVM, for the driver JVMs of the fault tests: it trains
     * in 2 partitions as {@link #context()} does (Spark's default parallelism is at least 2), and
     * starts one JVM fewer.
     */
    static JavaSparkContext oneExecutorContext() {
        return SparkTesting.context(conf("local-cluster[1,1,1024]"));
    }

    static DistributedData data(JavaSparkContext context) {
        return DistributedData.of(SparkTesting.partitioned(context, EXAMPLES, 35, 45));
    }

    static Sequential model() {
        return SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
    }

    static SparkTrainerBuilder builder(Sequential model) {
        return settings(SparkTrainer.builder(model).optimizer(new Adam(0.01)).batchSize(16).epochs(3).seed(6));
    }

    /** The settings a resumed run is given again. */
    static SparkTrainerBuilder settings(SparkTrainerBuilder builder) {
        return builder.loss(Loss::softmaxCrossEntropy).schedule(LearningRateSchedule.cosine(0.01, 0, 3))
                .fixedReductionOrder(true).logEpochs(false).progressBar(false);
    }

    static double[] weights(Sequential model) {
        return JavaArrays.toDoubles(model.parameterSet().values());
    }
}
