package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures what an executor JVM needs beside its heap, for docs/spark.md's sizing table: for each of
 * nn-bench's networks S, M and L, a fresh local-cluster executor (one JVM, one core) trains a few
 * synchronous steps at a per-executor batch, and reports its peak resident memory (VmHWM) and what
 * lies beyond its heap, which is touched whole from the start ({@code -Xms1g -XX:+AlwaysPreTouch}):
 * the JVM's own native memory, ND4J's libraries and ND4J's buffers (before training: the JVM, Spark
 * and ND4J loaded), and JavaCPP's limits. Opt-in, it takes a minute or two:
 * {@code mvn -o test -pl nn-spark -am -Dtest=ExecutorMemoryTest -Dnn4j.measureExecutorMemory=true
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "nn4j.measureExecutorMemory", matches = "true")
class ExecutorMemoryTest {

    @Test
    void peakResidentMemoryOfAnExecutorTrainingSMAndL() {
        List<String> rows = new ArrayList<>();
        rows.add("| net | parameters | batch per executor | peak RSS MB | beyond the heap, peak MB "
                + "| beyond the heap before training MB | JavaCPP maxBytes / maxPhysicalBytes MB |");
        measure("S", List.of(784, 128, 10), 1024, rows);
        measure("M", List.of(784, 512, 512, 10), 1024, rows);
        measure("L", List.of(1024, 2048, 2048, 10), 512, rows);
        measure("L", List.of(1024, 2048, 2048, 10), 4096, rows);
        rows.forEach(System.out::println);
    }

    private static void measure(String name, List<Integer> sizes, int batch, List<String> rows) {
        SparkConf conf = ClusterRun.conf().setMaster("local-cluster[1,1,2048]").set("spark.executor.memory", "1g");
        // The whole heap resident from the start: what the executor's RSS holds beyond it is the rest.
        conf.set("spark.executor.extraJavaOptions", conf.get("spark.executor.extraJavaOptions")
                + " -Xms1g -XX:+AlwaysPreTouch");
        try (JavaSparkContext context = SparkTesting.context(conf)) {
            long[] before = context.parallelize(List.of(1), 1).map(i -> {
                Nd4j.create(1);
                return executorMemory();
            }).collect().get(0);
            Sequential model = network(sizes);
            SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(1e-3)).batchSize(batch)
                    .epochs(2).seed(1).logEpochs(false).progressBar(false)
                    .build().fit(DistributedData.of(context, data(sizes, 2 * batch), 1));
            long[] after = context.parallelize(List.of(1), 1).map(i -> executorMemory()).collect().get(0);
            long mb = 1 << 20;
            rows.add(String.format("| %s | %,d | %,d | %,d | %,d | %,d | %,d / %,d |", name, model.parameterCount(),
                    batch, after[0] / mb, (after[0] - after[2]) / mb, (before[1] - before[2]) / mb, after[3] / mb,
                    after[4] / mb));
            assertTrue(after[0] > 4L * model.parameterCount(), "the executor holds the weights at least");
        }
    }

    /** Peak RSS, current RSS, the heap's committed size, JavaCPP's maxBytes and maxPhysicalBytes. */
    private static long[] executorMemory() throws IOException {
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        return new long[] {status("VmHWM"), status("VmRSS"), committed, Pointer.maxBytes(), Pointer.maxPhysicalBytes()};
    }

    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }

    private static Sequential network(List<Integer> sizes) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            layers.add(new Dense(sizes.get(i), sizes.get(i + 1)));
            if (i + 2 < sizes.size()) {
                layers.add(new ReLU());
            }
        }
        return new Sequential(layers.toArray(new Layer[0])).init(Initializer.he(), 1);
    }

    private static DataSet data(List<Integer> sizes, int n) {
        int classes = sizes.get(sizes.size() - 1);
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, sizes.get(0)), Nd4j.createFromArray(labels).reshape(n, 1));
    }
}
