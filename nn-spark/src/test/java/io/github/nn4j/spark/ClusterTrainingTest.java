package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Executors in two other JVMs (Spark's local-cluster mode: a master and two workers in this JVM,
 * each worker starting an executor process from this test's class path), so that tasks, broadcasts
 * and results really cross process boundaries: training gives what {@code local[2]} gives.
 *
 * <p>Workers start executors as {@code $SPARK_HOME/bin}-less {@code java} commands whose class path
 * includes {@code $SPARK_HOME/jars}: Surefire points {@code SPARK_HOME} at {@code target/spark-home},
 * and this test creates an empty {@code jars} folder there.
 */
class ClusterTrainingTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(80, 7, 51);

    @Test
    void executorsInOtherJvmsTrainAsLocalModeDoes() throws IOException {
        double[][] local;
        try (JavaSparkContext context = SparkTesting.context("local[2]")) {
            local = train(context);
        }
        String home = System.getenv("SPARK_HOME");
        assertNotNull(home, "SPARK_HOME must point at a folder (Surefire sets it to target/spark-home)");
        Files.createDirectories(Path.of(home, "jars"));
        SparkConf conf = SparkTesting.conf("local-cluster[2,1,1024]")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                // Bitwise equality needs the driver's OpenBLAS kernel in the executors too: the machine's
                // environment may name another one, which nn4j respects unless told otherwise.
                .set("spark.executor.extraJavaOptions",
                        "-Dnn4j.blas.coretype=" + System.getProperty("nn4j.blas.coretype", "auto"));
        try (JavaSparkContext context = SparkTesting.context(conf)) {
            String driver = ManagementFactory.getRuntimeMXBean().getName();
            List<String> executors = context.parallelize(List.of(1, 2, 3, 4), 4)
                    .map(i -> ManagementFactory.getRuntimeMXBean().getName()).distinct().collect();
            assertEquals(2, executors.size(), "two executor JVMs: " + executors);
            assertFalse(executors.contains(driver), "executors run outside the driver's JVM");
            double[][] cluster = train(context);
            assertArrayEquals(local[0], cluster[0], "synchronous mode");
            assertArrayEquals(local[1], cluster[1], "averaging mode");
        }
    }

    /** The weights after synchronous and after averaging training, each with the fixed order. */
    private static double[][] train(JavaSparkContext context) {
        Sequential synchronous = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(synchronous).build().fit(data(context));
        Sequential averaged = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(averaged).averaging(3).build().fit(data(context));
        return new double[][] {JavaArrays.toDoubles(synchronous.parameterSet().values()),
            JavaArrays.toDoubles(averaged.parameterSet().values())};
    }

    private static DistributedData data(JavaSparkContext context) {
        return DistributedData.of(SparkTesting.partitioned(context, EXAMPLES, 35, 45));
    }

    private static SparkTrainerBuilder builder(Sequential model) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(16)
                .epochs(2).seed(6).fixedReductionOrder(true).logEpochs(false).progressBar(false);
    }
}
