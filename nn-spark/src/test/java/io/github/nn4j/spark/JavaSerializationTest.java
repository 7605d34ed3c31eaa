package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Without {@code SparkSetup.useKryo}, Spark's default Java serialization carries the same data. */
class JavaSerializationTest {

    @Test
    void trainingWorksWithSparksDefaultSerializer() {
        List<Example> examples = SparkTesting.classification(60, 7, 61);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("nn-spark-java-serialization")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        Sequential synchronous = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        History averaging;
        try (JavaSparkContext context = new JavaSparkContext(conf)) {
            DistributedData data = DistributedData.of(SparkTesting.partitioned(context, examples, 25, 35));
            builder(synchronous).build().fit(data);
            averaging = builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true)).averaging(2).build()
                    .fit(data, data);
        }
        Sequential local = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.01)).batchSize(16).epochs(2)
                .seed(2).logEpochs(false).progressBar(false).build().fit(SparkTesting.dataSet(examples, DataType.DOUBLE));
        double difference = SparkTesting.relativeDifference(synchronous, local);
        assertTrue(difference <= 1e-10, "synchronous vs one machine: " + difference);
        assertTrue(Double.isFinite(averaging.last("val_loss")), averaging.toString());
    }

    private static SparkTrainerBuilder builder(Sequential model) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(16)
                .epochs(2).seed(2).logEpochs(false).progressBar(false);
    }
}
