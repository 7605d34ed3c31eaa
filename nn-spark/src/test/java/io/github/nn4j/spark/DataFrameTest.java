package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training from a DataFrame, and distributed prediction and evaluation of one. */
class DataFrameTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(90, 7, 41);
    private static final List<String> NAMES = List.of("a", "b", "c");

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void trainingFromADataFrameEqualsTrainingFromAnRddOfTheSameExamples() {
        Sequential fromFrame = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(fromFrame).build().fit(DistributedData.of(frame(3), "features", "label"));
        Sequential fromRdd = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(fromRdd).build().fit(DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 30, 30, 30)));
        assertArrayEquals(JavaArrays.toDoubles(fromRdd.parameterSet().values()),
                JavaArrays.toDoubles(fromFrame.parameterSet().values()));
    }

    @Test
    void predictionsAndTheReportAreThoseOfTheModelOnOneMachine() {
        Sequential model = SynchronousEqualsTrainerTest.model(DataType.FLOAT, true);
        builder(model).build().fit(DistributedData.of(frame(3), "features", "label"));
        DataSet local = SparkTesting.dataSet(EXAMPLES, DataType.FLOAT);
        INDArray scores = model.predict(local.features());
        float[] expected = JavaArrays.toFloats(scores);
        try (SparkPredictor predictor = SparkPredictor.of(SPARK.context(), model)) {
            List<Row> outputs = predictor.predict(frame(3), "features").collectAsList();
            List<Row> probabilities = predictor.predictProbabilities(frame(2), "features").collectAsList();
            assertEquals(EXAMPLES.size(), outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                List<Float> output = outputs.get(i).getList(outputs.get(i).fieldIndex(SparkPredictor.OUTPUT));
                List<Float> probability = probabilities.get(i).getList(
                        probabilities.get(i).fieldIndex(SparkPredictor.PROBABILITIES));
                double sum = 0;
                int best = 0;
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[i * 3 + c], output.get(c), 1e-6, "row " + i);
                    sum += probability.get(c);
                    best = expected[i * 3 + c] > expected[i * 3 + best] ? c : best;
                }
                assertEquals(1.0, sum, 1e-6);
                assertEquals(best, outputs.get(i).getInt(outputs.get(i).fieldIndex(SparkPredictor.PREDICTION)));
                assertEquals(EXAMPLES.get(i).label()[0], outputs.get(i).getDouble(outputs.get(i).fieldIndex("label")));
            }
            ClassificationReport report = predictor.classify(DistributedData.of(frame(3), "features", "label"), NAMES);
            ClassificationReport oneMachine = Evaluation.classify(scores, local.labels(), NAMES);
            assertArrayEquals(oneMachine.confusionMatrix(), report.confusionMatrix());
            assertEquals(oneMachine.topKAccuracy(2), report.topKAccuracy(2));
            assertTrue(report.accuracy() > 0.5, report.toString());
        }
    }

    @Test
    void aMissingOrNonNumericColumnIsNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DistributedData.of(frame(1), "pixels", "label"));
        assertEquals("no column 'pixels'; the columns are [features, label, name]", missing.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> DistributedData.of(frame(1), "features", "name"));
        assertEquals("column 'name' holds string; it must hold numbers, arrays of numbers or Spark ML vectors",
                text.getMessage());
    }

    @Test
    void badExamplesAreNamedByPartitionAndRow() {
        List<Example> examples = new ArrayList<>(EXAMPLES.subList(0, 20));
        float[] broken = EXAMPLES.get(12).features().clone();
        broken[3] = Float.NaN;
        examples.set(12, new Example(broken, EXAMPLES.get(12).label()));
        Exception nan = assertThrows(Exception.class, () -> builder(SynchronousEqualsTrainerTest.model(DataType.FLOAT,
                false)).build().fit(DistributedData.of(SPARK.context().parallelize(examples, 2))));
        assertTrue(nan.getMessage().contains("partition 1: example 2 has a feature of NaN"), nan.getMessage());

        List<Example> badClass = new ArrayList<>(EXAMPLES.subList(0, 20));
        badClass.set(5, Example.ofClass(EXAMPLES.get(5).features(), 3));
        Exception label = assertThrows(Exception.class, () -> builder(SynchronousEqualsTrainerTest.model(
                DataType.FLOAT, false)).build().fit(DistributedData.of(SPARK.context().parallelize(badClass, 2))));
        assertTrue(label.getMessage().contains("partition 0: the labels do not fit the model's 3 outputs"),
                label.getMessage());
    }

    /** The examples as a DataFrame: features array<double>, label double, and a name column. */
    private static Dataset<Row> frame(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < EXAMPLES.size(); i++) {
            float[] x = EXAMPLES.get(i).features();
            double[] features = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                features[j] = x[j];
            }
            rows.add(RowFactory.create(features, (double) EXAMPLES.get(i).label()[0], "example " + i));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("label", DataTypes.DoubleType, false)
                .add("name", DataTypes.StringType, false);
        return SparkTesting.session().createDataFrame(SPARK.context().parallelize(rows, partitions), schema);
    }

    private static SparkTrainerBuilder builder(Sequential model) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.02)).batchSize(16)
                .epochs(3).seed(3).fixedReductionOrder(true).logEpochs(false).progressBar(false);
    }
}
