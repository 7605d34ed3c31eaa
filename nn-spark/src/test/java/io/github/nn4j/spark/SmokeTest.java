package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void sums() {
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("smoke")
                .set("spark.ui.enabled", "false"))) {
            assertEquals(10, (int) sc.parallelize(List.of(1, 2, 3, 4), 2).reduce(Integer::sum));
        }
    }
}
