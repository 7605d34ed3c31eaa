package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.nn4j.dashboard.Dashboard;
import io.github.nn4j.dashboard.DashboardOptions;
import io.github.nn4j.dashboard.DashboardRun;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/** nn-dashboard on the driver of a synchronous SparkTrainer, read back through the dashboard's own JSON API. */
class DashboardOnSparkTest {

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void theDashboardShowsTheDriversStepsWeightsGradientsAndTheGivenValidationDatasConfusionMatrix() throws Exception {
        JavaSparkContext context = SPARK.context();
        List<Example> train = SparkTesting.classification(192, 4, 1);
        List<Example> validation = SparkTesting.classification(60, 4, 2);
        DataSet validationSet = SparkTesting.dataSet(validation, DataType.FLOAT);
        Sequential model = new Sequential(new Dense(4, 8), new ReLU(), new Dense(8, 3)).init(Initializer.he(), 3);
        List<Double> losses = new ArrayList<>();
        try (Dashboard dashboard = Dashboard.start(DashboardOptions.defaults().port(0).quiet().sampleEvery(2))) {
            DashboardRun run = dashboard.run("on spark").validation(validationSet);
            History history = SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Sgd(0.1))
                    .batchSize(32).epochs(2).seed(3).logEpochs(false).progressBar(false).listener(run)
                    .listener(new TrainingListener() {
                        @Override
                        public void onBatchEnd(TrainingState state, int batch, double loss) {
                            losses.add(loss);
                        }
                    })
                    .build().fit(DistributedData.of(SparkTesting.partitioned(context, train, 96, 96)),
                            DistributedData.of(SparkTesting.partitioned(context, validation, 30, 30)));

            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(dashboard.address().resolve("/api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject shown = JsonParser.parseString(answer.body()).getAsJsonObject().getAsJsonArray("runs")
                    .get(0).getAsJsonObject();
            JsonObject series = shown.getAsJsonObject("series");
            assertEquals("finished", shown.get("status").getAsString());
            assertEquals(12, losses.size());                           // 192 rows in batches of 32, 2 epochs
            assertEquals(losses, values(series, "step/loss", "y"));
            assertEquals(history.trainLoss(), values(series, "epoch/loss", "y"));
            assertEquals(List.of(1.0, 3.0, 5.0, 7.0, 9.0, 11.0), values(series, "layer/0/gradient_norm", "x"));
            for (double norm : values(series, "layer/2/gradient_norm", "y")) {
                assertTrue(norm > 0, "the driver's gradient buffer holds the summed gradient: " + norm);
            }
            for (double ratio : values(series, "layer/2/update_ratio", "y")) {
                assertTrue(ratio > 0 && ratio < 1, "update ratio " + ratio);
            }
            assertFalse(series.keySet().stream().anyMatch(key -> key.startsWith("activation/")),
                    "activations stay on the executors");
            long[][] expected = Evaluation.classify(model, validationSet).confusionMatrix();
            JsonArray matrix = shown.getAsJsonObject("confusion").getAsJsonArray("matrix");
            for (int actual = 0; actual < 3; actual++) {
                for (int predicted = 0; predicted < 3; predicted++) {
                    assertEquals(expected[actual][predicted],
                            matrix.get(actual).getAsJsonArray().get(predicted).getAsLong());
                }
            }
            assertEquals("32", shown.getAsJsonObject("info").getAsJsonObject("settings").get("batch size").getAsString());
        }
    }

    private static List<Double> values(JsonObject series, String key, String axis) {
        List<Double> values = new ArrayList<>();
        for (JsonElement value : series.getAsJsonObject(key).getAsJsonArray(axis)) {
            values.add(value.getAsDouble());
        }
        return values;
    }
}
