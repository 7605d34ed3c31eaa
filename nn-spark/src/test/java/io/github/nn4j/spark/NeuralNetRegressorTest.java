package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.model.Sequential;
import java.util.List;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** NeuralNetRegressor as a Spark ML stage: it learns a smooth function, and MLlib's RegressionEvaluator scores it. */
class NeuralNetRegressorTest {

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void itLearnsASmoothFunctionAndItsPredictionIsTheNetworksOutput() {
        Dataset<Row> train = MlFrames.regression(400, 1);
        Dataset<Row> test = MlFrames.regression(100, 2);
        NeuralNetRegressionModel model = new NeuralNetRegressor().setLayers(new int[] {3, 16, 1}).setActivation("tanh")
                .setMaxIter(15).setBlockSize(100).setStepSize(0.03).setSeed(4).fit(train);
        Dataset<Row> scored = model.transform(test);
        assertEquals(DataTypes.DoubleType, scored.schema().apply("prediction").dataType());
        double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(scored);
        double spread = Math.sqrt(test.selectExpr("variance(label)").first().getDouble(0));
        assertTrue(rmse < 0.25 * spread, "rmse " + rmse + " against a label deviation of " + spread);

        Sequential network = model.network();
        for (Row row : scored.select("features", "prediction").collectAsList()) {
            double[] x = ((Vector) row.get(0)).toArray();
            double expected = network.predict(Nd4j.create(x, new long[] {1, 3}, 'c').castTo(DataType.FLOAT)).getDouble(0);
            assertEquals(expected, row.getDouble(1));
            assertEquals(expected, model.predict((Vector) row.get(0)));
        }
    }

    @Test
    void aNetworkWithMoreThanOneOutputIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                new NeuralNetRegressor().setLayers(new int[] {3, 4, 2}).fit(MlFrames.regression(10, 1)));
        assertTrue(refused.getMessage().contains("1 unit"), refused.getMessage());
        assertEquals(List.of("features", "label"), List.of(MlFrames.regression(3, 1).columns()));
    }
}
