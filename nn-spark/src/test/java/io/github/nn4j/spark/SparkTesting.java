package io.github.nn4j.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Spark contexts, seeded data and comparisons shared by the tests. */
final class SparkTesting {

    private SparkTesting() {
    }

    /** A quiet context on the loopback interface, with Kryo as the data serializer. */
    static JavaSparkContext context(String master) {
        return context(conf(master));
    }

    /** The tests' settings for {@code master}. */
    static SparkConf conf(String master) {
        return SparkSetup.useKryo(new SparkConf().setMaster(master).setAppName("nn-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4"));
    }

    /** A context started through a SparkSession, so that {@link #session()} can make DataFrames. */
    static JavaSparkContext context(SparkConf conf) {
        return JavaSparkContext.fromSparkContext(SparkSession.builder().config(conf).getOrCreate().sparkContext());
    }

    /** The session of the running context. */
    static SparkSession session() {
        return SparkSession.builder().getOrCreate();
    }

    /**
     * {@code n} examples of a 3-class task in {@code features} dimensions, float values, from a seed:
     * the class is the sign pattern of two fixed projections, with noise.
     */
    static List<Example> classification(int n, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> examples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] x = new float[features];
            double a = 0;
            double b = 0;
            for (int j = 0; j < features; j++) {
                x[j] = (float) (random.nextDouble() * 2 - 1);
                a += x[j] * (j % 2 == 0 ? 1 : -0.5);
                b += x[j] * (j % 3 == 0 ? 0.7 : 0.2);
            }
            int label = a > 0.3 ? 0 : b > 0 ? 1 : 2;
            examples.add(Example.ofClass(x, label));
        }
        return examples;
    }

    /** The examples as one machine's data set, in their order: features {@code [n, d]}, class indices. */
    static DataSet dataSet(List<Example> examples, DataType type) {
        int n = examples.size();
        int d = examples.get(0).features().length;
        int w = examples.get(0).label().length;
        float[] x = new float[n * d];
        float[] y = new float[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(examples.get(i).features(), 0, x, i * d, d);
            System.arraycopy(examples.get(i).label(), 0, y, i * w, w);
        }
        return new DataSet(Nd4j.create(x, new long[] {n, d}, 'c').castTo(type),
                Nd4j.create(y, new long[] {n, w}, 'c').castTo(type));
    }

    /** The examples in partitions of the given sizes, in order (a union of one RDD per partition). */
    static JavaRDD<Example> partitioned(JavaSparkContext context, List<Example> examples, int... sizes) {
        JavaRDD<Example> union = null;
        int start = 0;
        for (int size : sizes) {
            JavaRDD<Example> part = context.parallelize(examples.subList(start, start + size), 1);
            union = union == null ? part : union.union(part);
            start += size;
        }
        if (start != examples.size()) {
            throw new IllegalArgumentException("sizes add up to " + start + ", not " + examples.size());
        }
        return union;
    }

    /** max |a − b| / max |b| over the two models' parameters. */
    static double relativeDifference(Sequential a, Sequential b) {
        return JavaArrays.relativeDifference(JavaArrays.toDoubles(a.parameterSet().values()),
                JavaArrays.toDoubles(b.parameterSet().values()));
    }
}
