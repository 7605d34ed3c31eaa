package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class ClusterSmokeTest {
    @Test
    void executorsInOtherJvms() throws Exception {
        Path home = Files.createTempDirectory("spark-home");
        Files.createDirectories(home.resolve("jars"));
        SparkConf conf = new SparkConf().setMaster("local-cluster[2,1,1024]").setAppName("cluster")
                .set("spark.ui.enabled", "false")
                .set("spark.home", home.toString())
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            String driver = ManagementFactory.getRuntimeMXBean().getName();
            List<String> names = sc.parallelize(List.of(1, 2, 3, 4), 4)
                    .map(i -> ManagementFactory.getRuntimeMXBean().getName()).distinct().collect();
            System.out.println("driver " + driver + " executors " + names);
            assertEquals(2, names.size());
        }
    }
}
