package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
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
    void itLearnsASmoothFunctionAsTrainerDoesAndItsPredictionIsTheNetworksOutput() {
        Dataset<Row> train = MlFrames.regression(200, 1);
        Dataset<Row> test = MlFrames.regression(100, 2);
        NeuralNetRegressor regressor = new NeuralNetRegressor().setLayers(new int[] {3, 16, 1}).setActivation("tanh")
                .setMaxIter(8).setBlockSize(100).setStepSize(0.03).setSeed(4);
        NeuralNetRegressionModel model = regressor.fit(train);

        Sequential local = NetworkTraining.network(regressor);
        Trainer.builder(local).loss(Loss.mse()).optimizer(new Adam(0.03)).batchSize(100).epochs(8).seed(4)
                .logEpochs(false).progressBar(false).build().fit(dataSet(train));
        assertTrue(SparkTesting.relativeDifference(model.network(), local) < 1e-5,
                "Spark ML vs one machine: " + SparkTesting.relativeDifference(model.network(), local));
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

    /** The frame's rows as one machine's data set, in their order. */
    private static DataSet dataSet(Dataset<Row> frame) {
        List<Row> rows = frame.collectAsList();
        double[][] x = new double[rows.size()][];
        double[][] y = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = ((Vector) rows.get(i).get(0)).toArray();
            y[i] = new double[] {rows.get(i).getDouble(1)};
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    @Test
    void aNetworkWithMoreThanOneOutputIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                new NeuralNetRegressor().setLayers(new int[] {3, 4, 2}).fit(MlFrames.regression(10, 1)));
        assertTrue(refused.getMessage().contains("1 unit"), refused.getMessage());
        assertEquals(List.of("features", "label"), List.of(MlFrames.regression(3, 1).columns()));
    }
}
