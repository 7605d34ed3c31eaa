package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The normalization layers on Spark: LayerNorm and LogSoftmax (with the negative log-likelihood)
 * train as on one machine, as every other layer does (BatchNorm, with synchronized statistics:
 * {@link BatchNormOnSparkTest}); a model with BatchNorm trained on one machine is served by
 * SparkPredictor with its running statistics.
 */
class NormalizationOnSparkTest {

    private static final int FEATURES = 7;
    private static final List<Example> EXAMPLES = SparkTesting.classification(103, FEATURES, 5);

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[3]");

    private static Sequential layerNormModel(DataType type) {
        return new Sequential(new Dense(FEATURES, 16), new LayerNorm(16), new Tanh(), new Dense(16, 3),
                new LogSoftmax()).init(Initializer.he(), 3, type);
    }

    private static double difference(Supplier<Optimizer> optimizer, DataType type) {
        Sequential local = layerNormModel(type);
        Trainer.builder(local).loss(Loss.negativeLogLikelihood()).optimizer(optimizer.get()).batchSize(20).epochs(3)
                .seed(13).logEpochs(false).progressBar(false).build().fit(SparkTesting.dataSet(EXAMPLES, type));
        Sequential distributed = layerNormModel(type);
        SparkTrainer.builder(distributed).loss(Loss::negativeLogLikelihood).optimizer(optimizer.get()).batchSize(20)
                .epochs(3).seed(13).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 17, 40, 46)));
        return SparkTesting.relativeDifference(distributed, local);
    }

    @Test
    void layerNormAndLogSoftmaxWithTheNegativeLogLikelihoodEqualOneMachine() {
        double adamDouble = difference(() -> new Adam(0.01), DataType.DOUBLE);
        double sgdFloat = difference(() -> new Sgd(0.1).momentum(0.9), DataType.FLOAT);
        System.out.printf("sync vs Trainer with LayerNorm and LogSoftmax: Adam DOUBLE %.2e, momentum FLOAT %.2e%n",
                adamDouble, sgdFloat);
        assertTrue(adamDouble <= 1e-10, "Adam, DOUBLE: " + adamDouble);
        assertTrue(sgdFloat <= 1e-5, "momentum, FLOAT: " + sgdFloat);
    }

    @Test
    void sparkPredictorServesABatchNormModelWithItsRunningStatistics() {
        Sequential model = new Sequential(new Dense(FEATURES, 8), new BatchNorm(8), new Tanh(), new Dense(8, 3))
                .init(Initializer.he(), 4);
        for (int i = 0; i < 5; i++) {   // running statistics far from their start
            model.forward(SparkTesting.dataSet(EXAMPLES, DataType.FLOAT).features().muli(3).addi(i), Mode.TRAIN);
        }
        float[] expected = JavaArrays.toFloats(model.predict(SparkTesting.dataSet(EXAMPLES, DataType.FLOAT).features()));
        try (SparkPredictor predictor = SparkPredictor.of(SPARK.context(), model)) {
            List<Row> outputs = predictor.predict(frame(), "features").collectAsList();
            for (int i = 0; i < outputs.size(); i++) {
                List<Float> output = outputs.get(i).getList(outputs.get(i).fieldIndex(SparkPredictor.OUTPUT));
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[i * 3 + c], output.get(c), 1e-6, "row " + i);
                }
            }
        }
    }

    private static Dataset<Row> frame() {
        List<Row> rows = new ArrayList<>();
        for (Example example : EXAMPLES) {
            double[] features = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                features[j] = example.features()[j];
            }
            rows.add(RowFactory.create(features));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        return SparkTesting.session().createDataFrame(SPARK.context().parallelize(rows, 3), schema);
    }
}
