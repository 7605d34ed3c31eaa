package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** NeuralNetClassifier as a Spark ML stage: in a Pipeline, under MLlib's evaluators and tuners, and what it computes. */
class NeuralNetClassifierTest {

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void aPipelineOfIndexerAssemblerScalerAndClassifierLearnsAndMllibsEvaluatorScoresIt(@TempDir Path folder)
            throws IOException {
        String path = folder.resolve("species-model").toUri().toString();
        Dataset<Row> train = MlFrames.species(240, 3);
        Dataset<Row> test = MlFrames.species(120, 4);

        StringIndexer indexer = new StringIndexer().setInputCol("species").setOutputCol("label");
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(new String[] {"x1", "x2", "x3", "x4"}).setOutputCol("raw");
        StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true);
        NeuralNetClassifier classifier = new NeuralNetClassifier()
                .setLayers(new int[] {4, 16, 3})                // 4 features, 16 hidden units, 3 classes
                .setMaxIter(10).setBlockSize(60).setStepSize(0.05).setSeed(7);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {indexer, assembler, scaler, classifier});
        PipelineModel model = pipeline.fit(train);
        Dataset<Row> predictions = model.transform(test);    // + rawPrediction, probability, prediction
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
        model.write().overwrite().save(path);                 // any Hadoop path: file:, hdfs:, s3a:
        PipelineModel again = PipelineModel.load(path);

        assertTrue(accuracy > 0.85, "accuracy " + accuracy);
        assertEquals(predictions.select("prediction").collectAsList(),
                again.transform(test).select("prediction").collectAsList());
        assertInstanceOf(VectorUDT.class, predictions.schema().apply("rawPrediction").dataType());
        assertInstanceOf(VectorUDT.class, predictions.schema().apply("probability").dataType());
        assertEquals(DataTypes.DoubleType, predictions.schema().apply("prediction").dataType());
        for (Row row : predictions.select("probability", "prediction").collectAsList()) {
            double[] p = ((Vector) row.get(0)).toArray();
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
            assertEquals(JavaArrays.argmax(p, 0, 3), row.getDouble(1));
        }
    }

    @Test
    void fitTrainsAsTrainerDoesOnOneMachineAndTransformGivesTheNetworksOutputs() {
        List<Example> examples = SparkTesting.classification(96, 4, 11);
        Dataset<Row> frame = MlFrames.classes(96, 11);
        NeuralNetClassifier classifier = new NeuralNetClassifier().setLayers(new int[] {4, 12, 3})
                .setActivation("tanh").setMaxIter(3).setBlockSize(16).setStepSize(0.02).setSeed(5);
        NeuralNetClassificationModel model = classifier.fit(frame);

        Sequential local = NetworkTraining.network(classifier);
        Trainer.builder(local).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(0.02)).batchSize(16).epochs(3)
                .seed(5).logEpochs(false).progressBar(false).build().fit(SparkTesting.dataSet(examples, DataType.FLOAT));
        assertTrue(SparkTesting.relativeDifference(model.network(), local) < 1e-5,
                "Spark ML vs one machine: " + SparkTesting.relativeDifference(model.network(), local));
        assertEquals(3, model.numClasses());
        assertEquals(4, model.numFeatures());

        DataSet data = SparkTesting.dataSet(examples, DataType.FLOAT);
        float[] logits = JavaArrays.toFloats(model.network().predict(data.features()));
        List<Row> rows = model.transform(frame).select("rawPrediction", "probability", "prediction").collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            double[] raw = ((Vector) rows.get(i).get(0)).toArray();
            double[] expected = {logits[3 * i], logits[3 * i + 1], logits[3 * i + 2]};
            assertArrayEquals(expected, raw, "row " + i);
            double[] softmax = StageOutputs.softmax(expected);
            assertArrayEquals(softmax, ((Vector) rows.get(i).get(1)).toArray(), 1e-15);
            assertEquals(JavaArrays.argmax(expected, 0, 3), rows.get(i).getDouble(2));
            Vector features = (Vector) frame.collectAsList().get(i).get(0);
            assertArrayEquals(raw, model.predictRaw(features).toArray(), "one row on the driver");
            assertEquals(rows.get(i).getDouble(2), model.predict(features));
        }
    }

    @Test
    void crossValidatorAndTrainValidationSplitPickTheBetterStepSize() {
        Dataset<Row> frame = MlFrames.classes(160, 21);
        NeuralNetClassifier classifier = new NeuralNetClassifier().setLayers(new int[] {4, 12, 3}).setMaxIter(4)
                .setBlockSize(40).setSeed(3);
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.stepSize(), new double[] {1e-5, 0.05}).build();
        MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator().setMetricName("accuracy");

        CrossValidatorModel cv = new CrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
                .setEvaluator(evaluator).setNumFolds(2).setSeed(1).fit(frame);
        assertTrue(cv.avgMetrics()[1] > cv.avgMetrics()[0] + 0.1, "avgMetrics " + List.of(cv.avgMetrics()[0],
                cv.avgMetrics()[1]));
        NeuralNetClassificationModel best = assertInstanceOf(NeuralNetClassificationModel.class, cv.bestModel());
        assertEquals(0.05, ((NeuralNetClassifier) best.parent()).getStepSize());

        TrainValidationSplitModel split = new TrainValidationSplit().setEstimator(classifier)
                .setEstimatorParamMaps(grid).setEvaluator(evaluator).setTrainRatio(0.75).setSeed(1).fit(frame);
        assertTrue(split.validationMetrics()[1] > split.validationMetrics()[0] + 0.1);
        assertEquals(0.05, ((NeuralNetClassifier) split.bestModel().parent()).getStepSize());
    }

    @Test
    void aNetworkWithOneOutputIsABinaryClassifierOnALogit() {
        Dataset<Row> frame = MlFrames.binary(160, 8);
        NeuralNetClassificationModel model = new NeuralNetClassifier().setLayers(new int[] {4, 8, 1}).setMaxIter(8)
                .setBlockSize(40).setStepSize(0.05).setSeed(2).fit(frame);
        assertEquals(2, model.numClasses());
        Dataset<Row> scored = model.transform(frame);
        double auc = new BinaryClassificationEvaluator().evaluate(scored);
        assertTrue(auc > 0.9, "area under ROC " + auc);

        Sequential network = model.network();
        for (Row row : scored.select("features", "rawPrediction", "probability", "prediction").collectAsList()) {
            double[] x = ((Vector) row.get(0)).toArray();
            double z = network.predict(Nd4j.create(x, new long[] {1, 4}, 'c').castTo(DataType.FLOAT)).getDouble(0);
            assertArrayEquals(new double[] {-z, z}, ((Vector) row.get(1)).toArray());
            double p = 1 / (1 + Math.exp(-z));
            assertArrayEquals(new double[] {1 - p, p}, ((Vector) row.get(2)).toArray(), 1e-15);
            assertEquals(p > 0.5 ? 1.0 : 0.0, row.getDouble(3));
        }
    }

    @Test
    void paramsHaveMllibsNamesAndTheDocumentedDefaults() {
        NeuralNetClassifier classifier = new NeuralNetClassifier();
        assertEquals("features", classifier.getFeaturesCol());
        assertEquals("label", classifier.getLabelCol());
        assertEquals("prediction", classifier.getPredictionCol());
        assertEquals("rawPrediction", classifier.getRawPredictionCol());
        assertEquals("probability", classifier.getProbabilityCol());
        assertEquals(10, classifier.getMaxIter());
        assertEquals(128, classifier.getBlockSize());
        assertEquals(1e-3, classifier.getStepSize());
        assertEquals(NeuralNetClassifier.class.getName().hashCode(), classifier.getSeed());
        assertEquals("relu", classifier.getActivation());
        assertEquals("adam", classifier.getOptimizer());
        assertEquals(0.0, classifier.getDropout());
        assertEquals(0.0, classifier.getWeightDecay());
        assertFalse(classifier.isDefined(classifier.layers()));
        for (String name : List.of("layers", "activation", "dropout", "optimizer", "stepSize", "weightDecay", "maxIter",
                "blockSize", "seed", "thresholds")) {
            assertTrue(classifier.hasParam(name), name);
            assertEquals(classifier.uid(), classifier.getParam(name).parent(), name);
        }
        NeuralNetClassifier copy = classifier.copy(ParamMap.empty());
        assertEquals(classifier.uid(), copy.uid());
        assertEquals(copy.uid(), copy.layers().parent());

        assertThrows(IllegalArgumentException.class, () -> classifier.setActivation("swish"));
        assertThrows(IllegalArgumentException.class, () -> classifier.setLayers(new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> classifier.setDropout(1.0));
        IllegalArgumentException noLayers = assertThrows(IllegalArgumentException.class,
                () -> classifier.fit(MlFrames.classes(20, 1)));
        assertTrue(noLayers.getMessage().contains("setLayers"), noLayers.getMessage());
    }

    @Test
    void emptyColumnParamsLeaveTheirColumnsOutAndThresholdsMovePredictions() {
        Dataset<Row> frame = MlFrames.classes(64, 13);
        NeuralNetClassificationModel model = new NeuralNetClassifier().setLayers(new int[] {4, 6, 3}).setMaxIter(2)
                .setBlockSize(32).setSeed(4).fit(frame);
        Dataset<Row> only = model.copy(ParamMap.empty()).setRawPredictionCol("").setProbabilityCol("").transform(frame);
        assertEquals(List.of("features", "label", "prediction"), List.of(only.columns()));

        List<Row> plain = model.transform(frame).select("probability", "prediction").collectAsList();
        double[] thresholds = {1.0, 1.0, 1e-9};                // class 2 wins whenever its probability is not 0
        List<Row> moved = model.copy(ParamMap.empty()).setThresholds(thresholds).transform(frame)
                .select("prediction").collectAsList();
        for (int i = 0; i < plain.size(); i++) {
            double[] p = ((Vector) plain.get(i).get(0)).toArray();
            assertEquals(p[2] > 0 ? 2.0 : plain.get(i).getDouble(1), moved.get(i).getDouble(0), "row " + i);
        }
    }
}
