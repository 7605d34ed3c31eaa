package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.spark.DistributedData;
import io.github.nn4j.spark.Example;
import io.github.nn4j.spark.SparkSetup;
import io.github.nn4j.spark.SparkTrainer;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The dashboard as a listener of nn-spark's SparkTrainer, on the driver, in Spark's local mode. */
class SparkDriverTest {

    private static List<Example> examples(DataSet data) {
        float[][] x = data.features().toFloatMatrix();
        int[] classes = data.classIndices();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            examples.add(Example.ofClass(x[i], classes[i]));
        }
        return examples;
    }

    @Test
    void recordsTheDriversStepsWeightsGradientsAndTheConfusionMatrixOfTheGivenValidationData() {
        DataSet train = TrainingFixtures.blobs(192, 1);
        DataSet validation = TrainingFixtures.blobs(60, 2);
        Sequential model = TrainingFixtures.model();
        SparkConf conf = SparkSetup.useKryo(new SparkConf().setMaster("local[2]").setAppName("nn-dashboard-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        List<Double> losses = new ArrayList<>();
        try (JavaSparkContext spark = new JavaSparkContext(conf);
             Dashboard dashboard = Dashboard.start(DashboardOptions.defaults().port(0).quiet().sampleEvery(2))) {
            DashboardRun run = dashboard.run("on spark").validation(validation);
            History history = SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Sgd(0.1))
                    .batchSize(32).epochs(2).seed(3).logEpochs(false).progressBar(false).listener(run)
                    .listener(new TrainingListener() {
                        @Override
                        public void onBatchEnd(TrainingState state, int batch, double loss) {
                            losses.add(loss);
                        }
                    })
                    .build().fit(DistributedData.of(spark.parallelize(examples(train), 2)),
                            DistributedData.of(spark.parallelize(examples(validation), 2)));
            RunRecord record = dashboard.records().get(0);
            synchronized (record) {
                assertEquals(RunRecord.FINISHED, record.status());
                assertArrayEquals(losses.stream().mapToDouble(Double::doubleValue).toArray(),
                        record.series("step/loss").ys());
                assertEquals(12, losses.size());                       // 192 rows in batches of 32, 2 epochs
                assertArrayEquals(history.trainLoss().stream().mapToDouble(Double::doubleValue).toArray(),
                        record.series("epoch/loss").ys());
                assertArrayEquals(new double[] {1, 3, 5, 7, 9, 11}, record.series("layer/0/gradient_norm").xs());
                for (double value : record.series("layer/2/gradient_norm").ys()) {
                    assertTrue(value > 0, "the driver's gradient buffer holds the summed gradient: " + value);
                }
                for (double value : record.series("layer/4/update_ratio").ys()) {
                    assertTrue(value > 0 && value < 1, "update ratio " + value);
                }
                assertFalse(record.series().keySet().stream().anyMatch(key -> key.startsWith("activation/")),
                        "activations stay on the executors");
                assertArrayEquals(Evaluation.classify(model, validation).confusionMatrix(), record.confusion().matrix());
                assertEquals("32", record.info().settings().get("batch size"));
            }
        }
    }
}
