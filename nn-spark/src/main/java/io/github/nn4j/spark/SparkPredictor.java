package io.github.nn4j.spark;

import io.github.nn4j.eval.ClassificationReport;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.losses.OutputKind;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a trained model over a DataFrame on the cluster: the model is broadcast once, when the
 * predictor is made, and each executor JVM rebuilds it once and shares it between its tasks.
 *
 * <pre>{@code
 * try (SparkPredictor predictor = SparkPredictor.of(context, model)) {
 *     Dataset<Row> scored = predictor.predictProbabilities(frame, "features");  // + probabilities, prediction
 *     ClassificationReport report = predictor.classify(DistributedData.of(test, "features", "label"), names);
 * }
 * }</pre>
 *
 * <p>The model's weights (and running statistics, if it has any) are copied when the predictor is made;
 * later training does not change it.
 *
 * <p><b>Lifetime.</b> A DataFrame that {@link #predict} or {@link #predictProbabilities} returned
 * is computed lazily and reads the broadcast model whenever Spark computes it, so it stays
 * computable after {@link #close()}: closing frees the executors' copies at once (a later
 * computation sends the model again), and Spark's context cleaner frees the driver's copy when the
 * predictor and every DataFrame it made are garbage. Only new calls on a closed predictor fail.
 */
public final class SparkPredictor implements AutoCloseable {

    /** The column of model outputs that {@link #predict} adds. */
    public static final String OUTPUT = "output";
    /** The column of class probabilities that {@link #predictProbabilities} adds. */
    public static final String PROBABILITIES = "probabilities";
    /**
     * The column of predicted classes: the largest output's index for models with several outputs,
     * 0 or 1 for the probabilities of a model with one.
     */
    public static final String PREDICTION = "prediction";

    private static final int CHUNK = 1024;

    private final Sequential model;
    private final Broadcast<ServedModel> served;
    private final String id;
    private volatile boolean closed;

    private SparkPredictor(JavaSparkContext context, Sequential model) {
        this.model = model;
        this.id = UUID.randomUUID().toString();
        this.served = context.broadcast(new ServedModel(id, ModelSpec.of(model),
                FlatValues.of(model.parameterSet().values()),
                model.states().isEmpty() ? null : FlatValues.of(model.parameterSet().states())));
    }

    /**
     * Broadcasts {@code model} for inference on {@code context}'s cluster.
     *
     * @param context the Spark context
     * @param model   the model; its current weights are sent
     * @return the predictor; close it to free the broadcast
     */
    public static SparkPredictor of(JavaSparkContext context, Sequential model) {
        return new SparkPredictor(context, model);
    }

    /**
     * {@code frame} with the model's outputs appended as {@value #OUTPUT} (an array of floats, or
     * doubles for a DOUBLE model) and, for a model with several outputs, {@value #PREDICTION}
     * (the index of the largest).
     *
     * @param frame          the data
     * @param featuresColumn a column of arrays of numbers or Spark ML vectors
     * @return a new DataFrame, computed lazily as Spark does
     */
    public Dataset<Row> predict(Dataset<Row> frame, String featuresColumn) {
        return score(frame, featuresColumn, false);
    }

    /**
     * {@code frame} with class probabilities appended as {@value #PROBABILITIES}: the softmax of
     * the outputs (which are taken to be logits), or the outputs themselves when the model ends
     * with a {@code Softmax} layer; and {@value #PREDICTION}, the most probable class. A model
     * with one output is a binary classifier: its probabilities are {@code [1 − p, p]}, with
     * {@code p = σ(z)} of its logit {@code z} (or its output, when it ends with a {@code Sigmoid}
     * layer), and its prediction is 1 when {@code z > 0} (when {@code p ≥ 0.5}).
     *
     * @param frame          the data
     * @param featuresColumn a column of arrays of numbers or Spark ML vectors
     * @return a new DataFrame
     */
    public Dataset<Row> predictProbabilities(Dataset<Row> frame, String featuresColumn) {
        return score(frame, featuresColumn, true);
    }

    /**
     * Classifies every example and compares with its label, over the whole data set: the report
     * of each partition, merged on the driver.
     *
     * @param data       labelled examples (class indices or one-hot rows)
     * @param classNames one name per output, or {@code null} for {@code "0"}, {@code "1"}, …
     * @return the report
     * @throws IllegalArgumentException when the data is empty or its labels are not classes of the model
     */
    public ClassificationReport classify(DistributedData data, List<String> classNames) {
        requireOpen();
        Broadcast<ServedModel> broadcast = served;
        // Reports travel Java-serialized: Kryo cannot rebuild their immutable lists.
        JavaRDD<byte[]> parts = data.blocks(BlockFormat.of(model, OutputKind.CLASS_SCORES))
                .mapPartitions(blocks -> report(blocks, broadcast.value(), classNames), true);
        ClassificationReport total = null;
        for (byte[] bytes : parts.collect()) {
            ClassificationReport part = (ClassificationReport) JavaBytes.read(bytes);
            total = total == null ? part : total.plus(part);
        }
        if (total == null) {
            throw new IllegalArgumentException("no examples to classify");
        }
        return total;
    }

    /**
     * Frees the executors' copies of the broadcast model and the driver JVM's rebuilt model; the
     * DataFrames this predictor returned stay computable (see the class comment). Closing twice
     * does nothing.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            served.unpersist(false);
            ServingModels.forget(id);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this SparkPredictor is closed; make a new one with SparkPredictor.of");
        }
    }

    private Dataset<Row> score(Dataset<Row> frame, String featuresColumn, boolean probabilities) {
        requireOpen();
        RowReader.requireNumeric(frame.schema(), featuresColumn);
        String column = probabilities ? PROBABILITIES : OUTPUT;
        boolean binary = model.outputSize() == 1;
        boolean prediction = !binary || probabilities;
        for (String name : prediction ? List.of(column, PREDICTION) : List.of(column)) {
            if (List.of(frame.schema().fieldNames()).contains(name)) {
                throw new IllegalArgumentException("the DataFrame already has a column '" + name + "'");
            }
        }
        StructType schema = frame.schema().add(column, DataTypes.createArrayType(
                model.dataType() == DataType.DOUBLE ? DataTypes.DoubleType : DataTypes.FloatType, false), false);
        if (prediction) {
            schema = schema.add(PREDICTION, DataTypes.IntegerType, false);
        }
        int featureIndex = frame.schema().fieldIndex(featuresColumn);
        Scoring.Probabilities rule = !probabilities ? Scoring.Probabilities.NONE
                : binary ? (last(model) instanceof Sigmoid ? Scoring.Probabilities.BINARY_OUTPUT : Scoring.Probabilities.SIGMOID)
                : last(model) instanceof Softmax ? Scoring.Probabilities.OUTPUTS : Scoring.Probabilities.SOFTMAX;
        Broadcast<ServedModel> broadcast = served;
        JavaRDD<Row> rows = frame.javaRDD().mapPartitions(iterator -> {
            ServedModel m = broadcast.value();
            return new Scoring(iterator, ServingModels.get(m), featureIndex, rule, prediction, CHUNK);
        }, true);
        return frame.sparkSession().createDataFrame(rows, schema);
    }

    private static Iterator<byte[]> report(Iterator<Block> blocks, ServedModel served, List<String> classNames) {
        Block block = blocks.next();
        List<byte[]> report = new ArrayList<>(1);
        if (block.rows > 0) {
            Sequential model = ServingModels.get(served);
            ClassificationReport total = null;
            for (int start = 0; start < block.rows; start += CHUNK) {
                int rows = Math.min(CHUNK, block.rows - start);
                INDArray features = Nd4j.createUninitialized(model.dataType(), rows, block.featureCount);
                INDArray targets = Nd4j.createUninitialized(model.dataType(), rows, block.targetWidth);
                block.range(start, rows, features, targets);
                ClassificationReport part = Evaluation.classify(model.predict(features), targets, classNames);
                total = total == null ? part : total.plus(part);
            }
            report.add(JavaBytes.write(total));
        }
        return report.iterator();
    }

    private static Layer last(Sequential model) {
        return model.layers().get(model.layers().size() - 1);
    }
}
