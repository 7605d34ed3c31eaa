package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
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

/** SparkPredictor: a one-output model's probabilities, and what stays computable after close(). */
class SparkPredictorTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(60, 4, 23);

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void aOneOutputModelsProbabilitiesAreTheSigmoidOfItsLogit() {
        Sequential model = new Sequential(new Dense(4, 5), new Tanh(), new Dense(5, 1)).init(Initializer.he(), 8);
        float[] logits = JavaArrays.toFloats(model.predict(SparkTesting.dataSet(EXAMPLES, DataType.FLOAT).features()));
        try (SparkPredictor predictor = SparkPredictor.of(SPARK.context(), model)) {
            List<Row> rows = predictor.predictProbabilities(frame(), "features").collectAsList();
            int ones = 0;
            for (int i = 0; i < rows.size(); i++) {
                List<Float> p = rows.get(i).getList(rows.get(i).fieldIndex(SparkPredictor.PROBABILITIES));
                double expected = 1 / (1 + Math.exp(-logits[i]));           // σ(z), not the softmax of one logit (1)
                assertEquals(2, p.size());
                assertEquals(expected, p.get(1), 1e-6, "row " + i);
                assertEquals(1 - expected, p.get(0), 1e-6, "row " + i);
                int predicted = rows.get(i).getInt(rows.get(i).fieldIndex(SparkPredictor.PREDICTION));
                assertEquals(logits[i] > 0 ? 1 : 0, predicted, "row " + i);
                ones += predicted;
            }
            assertTrue(ones > 0 && ones < rows.size(), "both classes occur: " + ones + " of " + rows.size());
        }
    }

    @Test
    void aOneOutputModelEndingInASigmoidGivesItsOutputAsTheProbability() {
        Sequential model = new Sequential(new Dense(4, 1), new Sigmoid()).init(Initializer.he(), 2);
        float[] outputs = JavaArrays.toFloats(model.predict(SparkTesting.dataSet(EXAMPLES, DataType.FLOAT).features()));
        try (SparkPredictor predictor = SparkPredictor.of(SPARK.context(), model)) {
            List<Row> rows = predictor.predictProbabilities(frame(), "features").collectAsList();
            for (int i = 0; i < rows.size(); i++) {
                List<Float> p = rows.get(i).getList(rows.get(i).fieldIndex(SparkPredictor.PROBABILITIES));
                assertEquals(outputs[i], p.get(1), 1e-7, "row " + i);
                assertEquals(outputs[i] >= 0.5 ? 1 : 0, rows.get(i).getInt(rows.get(i).fieldIndex(SparkPredictor.PREDICTION)));
            }
        }
    }

    @Test
    void dataFramesAPredictorReturnedStayComputableAfterItIsClosed() {
        Sequential small = new Sequential(new Dense(4, 3)).init(Initializer.he(), 5);
        float[] expected = JavaArrays.toFloats(small.predict(SparkTesting.dataSet(EXAMPLES, DataType.FLOAT).features()));
        SparkPredictor predictor = SparkPredictor.of(SPARK.context(), small);
        Dataset<Row> outputs = predictor.predict(frame(), "features");
        Dataset<Row> probabilities = predictor.predictProbabilities(frame(), "features");
        List<Row> before = outputs.collectAsList();
        predictor.close();
        predictor.close();
        List<Row> after = outputs.collectAsList();                       // computed again, after close
        assertEquals(before, after);
        List<Row> late = probabilities.collectAsList();                   // computed for the first time, after close
        for (int i = 0; i < EXAMPLES.size(); i++) {
            List<Float> output = after.get(i).getList(after.get(i).fieldIndex(SparkPredictor.OUTPUT));
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[3 * i + c], output.get(c), "row " + i);
            }
            List<Float> p = late.get(i).getList(late.get(i).fieldIndex(SparkPredictor.PROBABILITIES));
            assertEquals(1.0, p.get(0) + p.get(1) + p.get(2), 1e-6);
        }
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> predictor.predict(frame(), "features"));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    private static Dataset<Row> frame() {
        List<Row> rows = new ArrayList<>();
        for (Example example : EXAMPLES) {
            float[] x = example.features();
            rows.add(RowFactory.create(new double[] {x[0], x[1], x[2], x[3]}, (double) example.label()[0]));
        }
        StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("label", DataTypes.DoubleType);
        return SparkTesting.session().createDataFrame(rows, schema);
    }
}
