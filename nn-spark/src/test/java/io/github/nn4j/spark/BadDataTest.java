package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Bad data stops {@code fit} once, with the {@code IllegalArgumentException} the documentation
 * promises, naming the partition and the example and never their values: no task fails, so Spark
 * does not read the partition again {@code spark.task.maxFailures} times ({@code local[2,4]}: 4 tries).
 */
class BadDataTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(20, 7, 41);
    private static final AtomicInteger READS_OF_PARTITION_1 = new AtomicInteger();

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2,4]");

    @Test
    void aNanFeatureFailsOnceNamingPartitionAndExample() {
        List<Example> examples = new ArrayList<>(EXAMPLES);
        float[] broken = EXAMPLES.get(12).features().clone();
        broken[3] = Float.NaN;
        examples.set(12, new Example(broken, EXAMPLES.get(12).label()));
        READS_OF_PARTITION_1.set(0);
        JavaRDD<Example> counted = SPARK.context().parallelize(examples, 2).map(example -> {
            if (TaskContext.getPartitionId() == 1) {
                READS_OF_PARTITION_1.incrementAndGet();
            }
            return example;
        });
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> train(counted));
        assertEquals("partition 1: example 2 has a feature of NaN", nan.getMessage());
        assertEquals(3, READS_OF_PARTITION_1.get(), "partition 1 read once, up to its bad example");
    }

    @Test
    void aLabelOutOfRangeIsNamedWithoutItsValue() {
        List<Example> examples = new ArrayList<>(EXAMPLES);
        examples.set(5, Example.ofClass(EXAMPLES.get(5).features(), 7));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> train(SPARK.context().parallelize(examples, 2)));
        assertEquals("partition 0: the labels do not fit the model's 3 outputs: example 5's label is not a class "
                + "index in [0, 2]", label.getMessage());
    }

    @Test
    void anUnreadableRowIsNamedWithoutTheRowsValues() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(RowFactory.create(i == 4 ? null : new double[] {0.25 * i, 1, 2, 3, 4, 5, 6}, 1234.5 + i));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
                .add("label", DataTypes.DoubleType, false);
        Dataset<Row> frame = SparkTesting.session().createDataFrame(SPARK.context().parallelize(rows, 2), schema);
        Sequential regression = new Sequential(new Dense(7, 4), new Tanh(), new Dense(4, 1)).init(Initializer.he(), 1);
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, () -> SparkTrainer
                .builder(regression).loss(Loss::mse).batchSize(4).epochs(1).logEpochs(false).progressBar(false).build()
                .fit(DistributedData.of(frame, "features", "label")));
        assertEquals("partition 1: example 1: null in column 'features'", unreadable.getMessage());
        assertFalse(unreadable.getMessage().contains("1238.5"), "the row's label is not in the message");
    }

    private static void train(JavaRDD<Example> examples) {
        SparkTrainer.builder(model()).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01)).batchSize(8).epochs(1)
                .logEpochs(false).progressBar(false).build().fit(DistributedData.of(examples));
    }

    private static Sequential model() {
        return SynchronousEqualsTrainerTest.model(DataType.FLOAT, false);
    }
}
