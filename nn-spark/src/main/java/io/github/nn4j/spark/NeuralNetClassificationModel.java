package io.github.nn4j.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.model.Sequential;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple3;

/**
 * A classifier trained by {@link NeuralNetClassifier}: a Spark ML model whose {@code transform}
 * appends MLlib's columns, {@code rawPrediction} (the network's logits, as an ML vector),
 * {@code probability} (their softmax, as an ML vector) and {@code prediction} (the class, a
 * double), so MLlib's evaluators read it as they read any classifier's output. A column whose
 * param is set to {@code ""} is left out, as in MLlib.
 *
 * <p>It saves to and loads from any Hadoop path ({@code model.write().save(path)},
 * {@link #load}), alone or inside a {@code PipelineModel}: the folder holds Spark's metadata and,
 * in {@code data/model.nn4j}, an ordinary nn4j model file that {@code ModelFile.read} reads without
 * Spark. Scoring runs on the executors, chunk by chunk: the network is broadcast once per
 * {@code transform}.
 */
public final class NeuralNetClassificationModel
        extends ProbabilisticClassificationModel<Vector, NeuralNetClassificationModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private String uid;
    private final Sequential network;

    NeuralNetClassificationModel(String uid, Sequential network) {
        this(StageIds.hold(uid), network);
    }

    private NeuralNetClassificationModel(StageIds.Held held, Sequential network) {
        uid();
        this.network = network;
    }

    /** The stage's unique id: that of the classifier that trained it. */
    @Override
    public String uid() {
        if (uid == null) {
            uid = StageIds.take();
        }
        return uid;
    }

    /**
     * A copy of the trained network, an ordinary nn4j model: {@code ModelFile.write} saves it,
     * {@code predict} runs it on one machine.
     *
     * @return a new model with the same layers and weights
     */
    public Sequential network() {
        return network.snapshot();
    }

    /** The number of classes: the network's outputs, or 2 for a network with one output. */
    @Override
    public int numClasses() {
        return Math.max(2, network.outputSize());
    }

    /** The number of features the network takes. */
    @Override
    public int numFeatures() {
        return network.inputSize();
    }

    /**
     * The logits of one example, computed on the driver ({@code [−z, z]} for one output).
     *
     * @param features {@link #numFeatures()} values
     * @return the raw prediction
     */
    @Override
    public Vector predictRaw(Vector features) {
        double[] z = JavaArrays.toDoubles(network.predict(
                Nd4j.create(features.toArray(), new long[] {1, features.size()}, 'c').castTo(network.dataType())));
        return Vectors.dense(network.outputSize() == 1 ? new double[] {-z[0], z[0]} : z);
    }

    /**
     * Turns a raw prediction into probabilities in place: the softmax, or {@code [1 − σ(z), σ(z)]}
     * for one output.
     *
     * @param rawPrediction a dense vector from {@link #predictRaw}
     * @return the same vector, now probabilities
     */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] values = ((DenseVector) rawPrediction).values();
        double[] p = network.outputSize() == 1 ? StageOutputs.sigmoidPair(values[1]) : StageOutputs.softmax(values);
        System.arraycopy(p, 0, values, 0, p.length);
        return rawPrediction;
    }

    /**
     * {@code dataset} with {@code rawPrediction}, {@code probability} and {@code prediction}
     * appended (those whose column param is not empty), computed on the executors.
     *
     * @param dataset a DataFrame with a features column of ML vectors
     * @return the scored DataFrame, computed lazily as Spark does
     * @throws IllegalArgumentException when the features column is missing or not of vectors, or an output
     *                                  column exists already
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema(), true);
        StageOutputs outputs = StageOutputs.of(network.outputSize() == 1 ? StageOutputs.Kind.SIGMOID
                        : StageOutputs.Kind.SOFTMAX, schema, getRawPredictionCol(), getProbabilityCol(),
                getPredictionCol(), isDefined(thresholds()) ? getThresholds() : null);
        return StageScoring.transform(dataset, schema, network, getFeaturesCol(), outputs);
    }

    @Override
    public NeuralNetClassificationModel copy(ParamMap extra) {
        NeuralNetClassificationModel copy = new NeuralNetClassificationModel(uid(), network);
        return copyValues(copy, extra).setParent(parent());
    }

    /** A writer of the model's metadata and network to a Hadoop path. */
    @Override
    public MLWriter write() {
        return new NetworkStageWriter(this, network);
    }

    /**
     * Reads a model saved with {@code write().save(path)}.
     *
     * @return the reader
     */
    public static MLReader<NeuralNetClassificationModel> read() {
        return new NetworkStageReader<>(NeuralNetClassificationModel.class, NeuralNetClassificationModel::new);
    }

    /**
     * Loads a model saved at {@code path}.
     *
     * @param path a Hadoop path ({@code file:}, {@code hdfs:}, {@code s3a:}, …)
     * @return the model
     */
    public static NeuralNetClassificationModel load(String path) {
        return read().load(path);
    }

    /**
     * Spark's internal helper for training summaries, which this model has none of. Declared only
     * because Java sees two inherited versions of it (Scala's covariant return types).
     */
    @Override
    @SuppressWarnings("rawtypes")
    public Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public String toString() {
        return "NeuralNetClassificationModel: uid=" + uid() + ", numClasses=" + numClasses() + ", numFeatures="
                + numFeatures() + ", network=" + network;
    }
}
