package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LayerRegistry;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A layer type of one's own ({@link Scale}) on Spark: {@code SparkSetup.customLayers} registers it
 * in the driver when the context starts and in every executor JVM before its first task, in local
 * mode and with executors in other JVMs ({@code local-cluster}, see {@link ClusterTrainingTest}).
 */
class CustomLayersOnExecutorsTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(60, 7, 71);

    @Test
    void aLayerTypeOfYourOwnIsRegisteredOnTheDriverAndOnEveryExecutor() throws IOException {
        assertFalse(LayerRegistry.isRegistered(Scale.TYPE), "nothing registered the type before the context");
        float[][] local;
        try (JavaSparkContext context = SparkTesting.context(SparkSetup.customLayers(SparkTesting.conf("local[2]"),
                TestLayers.class))) {
            assertTrue(LayerRegistry.isRegistered(Scale.TYPE), "the driver plugin registered it");
            local = trainAndPredict(context);
        }
        Sequential oneMachine = model();
        Trainer.builder(oneMachine).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.01)).batchSize(15).epochs(2)
                .seed(3).logEpochs(false).progressBar(false).build().fit(SparkTesting.dataSet(EXAMPLES, DataType.DOUBLE));
        assertTrue(JavaArrays.relativeDifference(JavaArrays.toDoubles(oneMachine.parameterSet().values()),
                toDoubles(local[0])) < 1e-6, "Spark with the custom layer trains as one machine does");

        String home = System.getenv("SPARK_HOME");
        Files.createDirectories(Path.of(home, "jars"));
        SparkConf conf = SparkSetup.customLayers(SparkTesting.conf("local-cluster[2,1,1024]"), TestLayers.class)
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                .set("spark.executor.extraJavaOptions",
                        "-Dnn4j.blas.coretype=" + System.getProperty("nn4j.blas.coretype", "auto"));
        try (JavaSparkContext context = SparkTesting.context(conf)) {
            String driver = ManagementFactory.getRuntimeMXBean().getName();
            List<String> registered = context.parallelize(List.of(1, 2, 3, 4), 4)
                    .map(i -> TestLayers.JVMS.contains(ManagementFactory.getRuntimeMXBean().getName())
                            ? ManagementFactory.getRuntimeMXBean().getName() : "not registered")
                    .distinct().collect();
            assertEquals(2, registered.size(), "two executor JVMs, each registered: " + registered);
            assertFalse(registered.contains(driver) || registered.contains("not registered"), registered.toString());
            float[][] cluster = trainAndPredict(context);
            assertArrayEquals(local[0], cluster[0], "the weights trained with executors in other JVMs");
            assertArrayEquals(local[1], cluster[1], "the predictions");
        }
    }

    /** The weights after training (fixed order) and the predictions of SparkPredictor. */
    private static float[][] trainAndPredict(JavaSparkContext context) {
        Sequential model = model();
        SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(15).epochs(2)
                .seed(3).fixedReductionOrder(true).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(SparkTesting.partitioned(context, EXAMPLES, 25, 35)));
        List<Row> rows = new ArrayList<>();
        for (Example example : EXAMPLES) {
            rows.add(RowFactory.create(toDoubles(example.features())));
        }
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.DoubleType));
        float[] predictions = new float[EXAMPLES.size() * 3];
        try (SparkPredictor predictor = SparkPredictor.of(context, model)) {
            List<Row> scored = predictor.predict(SparkTesting.session().createDataFrame(rows, schema), "features")
                    .collectAsList();
            for (int i = 0; i < scored.size(); i++) {
                List<Double> output = scored.get(i).getList(1);
                for (int c = 0; c < 3; c++) {
                    predictions[3 * i + c] = output.get(c).floatValue();
                }
            }
        }
        return new float[][] {JavaArrays.toFloats(model.parameterSet().values()), predictions};
    }

    private static Sequential model() {
        return new Sequential(new Dense(7, 8), new Tanh(), new Scale(0.5), new Dense(8, 3))
                .init(Initializer.he(), 2, DataType.DOUBLE);
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
