package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * With {@code spark.kryo.registrationRequired=true}, Kryo refuses every class that is not
 * registered: {@code SparkSetup.kryoClasses()} must name all that nn-spark sends as data, for
 * training (both modes, validation, the fixed order), prediction and the ML stages.
 */
class KryoRegistrationTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(90, 7, 61);

    private static final StructType SCHEMA = new StructType().add("features", new VectorUDT())
            .add("label", DataTypes.DoubleType);

    private static JavaSparkContext context;

    @BeforeAll
    static void start() {
        context = SparkTesting.context(SparkTesting.conf("local[2]").set("spark.kryo.registrationRequired", "true"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void trainingInBothModesWithValidationSendsOnlyRegisteredClasses() {
        Sequential spark = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        History history = builder(spark).fixedReductionOrder(true).build().fit(data(), data());
        Sequential local = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.01)).batchSize(16).epochs(2)
                .seed(6).logEpochs(false).progressBar(false).build().fit(SparkTesting.dataSet(EXAMPLES, DataType.DOUBLE));
        assertTrue(SparkTesting.relativeDifference(spark, local) < 1e-12);
        assertEquals(2, history.metric("val_loss").size());

        Sequential averaged = SynchronousEqualsTrainerTest.model(DataType.FLOAT, false);
        History averaging = builder(averaged).averaging(3).build().fit(data());
        assertTrue(averaging.metric("loss").get(1) < averaging.metric("loss").get(0), averaging.toString());
    }

    @Test
    void predictionSendsOnlyRegisteredClasses() {
        Sequential model = SynchronousEqualsTrainerTest.model(DataType.FLOAT, true);
        try (SparkPredictor predictor = SparkPredictor.of(context, model)) {
            Dataset<Row> frame = SparkTesting.session().createDataFrame(data().context().parallelize(EXAMPLES, 3)
                    .map(e -> RowFactory.create(Vectors.dense(toDoubles(e.features())), (double) e.label()[0])), SCHEMA);
            assertEquals(EXAMPLES.size(), predictor.predictProbabilities(frame, "features").collectAsList().size());
            assertEquals(EXAMPLES.size(), predictor.predict(frame, "features").collectAsList().size());
            ClassificationReport report = predictor.classify(DistributedData.of(frame, "features", "label"), null);
            assertEquals(EXAMPLES.size(), report.total());
        }
    }

    @Test
    void theMlStagesSendOnlyRegisteredClasses() {
        Dataset<Row> frame = MlFrames.classes(80, 3);
        NeuralNetClassifier classifier = new NeuralNetClassifier().setLayers(new int[] {4, 6, 3}).setMaxIter(2)
                .setBlockSize(40).setSeed(1);
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.stepSize(), new double[] {1e-3, 1e-2}).build();
        NeuralNetClassificationModel model = (NeuralNetClassificationModel) new CrossValidator().setEstimator(classifier)
                .setEstimatorParamMaps(grid).setNumFolds(2).setSeed(2)
                .setEvaluator(new MulticlassClassificationEvaluator()).fit(frame).bestModel();
        assertEquals(80, model.transform(frame).select("probability").count());
        NeuralNetRegressionModel regression = new NeuralNetRegressor().setLayers(new int[] {3, 4, 1}).setMaxIter(1)
                .setBlockSize(40).fit(MlFrames.regression(40, 1));
        assertEquals(40, regression.transform(MlFrames.regression(40, 1)).collectAsList().size());
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static DistributedData data() {
        return DistributedData.of(SparkTesting.partitioned(context, EXAMPLES, 30, 25, 35));
    }

    private static SparkTrainerBuilder builder(Sequential model) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(16)
                .epochs(2).seed(6).logEpochs(false).progressBar(false);
    }
}
