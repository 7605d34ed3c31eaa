package io.github.nn4j.spark;

import io.github.nn4j.model.Sequential;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A regression model trained by {@link NeuralNetRegressor}: a Spark ML model whose
 * {@code transform} appends {@code prediction}, the network's output (a double), computed on the
 * executors chunk by chunk. It saves to and loads from any Hadoop path, alone or inside a
 * {@code PipelineModel}, with the network as an ordinary nn4j model file in
 * {@code data/model.nn4j}.
 */
public final class NeuralNetRegressionModel
        extends RegressionModel<Vector, NeuralNetRegressionModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private String uid;
    private final Sequential network;

    NeuralNetRegressionModel(String uid, Sequential network) {
        this(StageIds.hold(uid), network);
    }

    private NeuralNetRegressionModel(StageIds.Held held, Sequential network) {
        uid();
        this.network = network;
    }

    /** The stage's unique id: that of the regressor that trained it. */
    @Override
    public String uid() {
        if (uid == null) {
            uid = StageIds.take();
        }
        return uid;
    }

    /**
     * A copy of the trained network, an ordinary nn4j model.
     *
     * @return a new model with the same layers and weights
     */
    public Sequential network() {
        return network.snapshot();
    }

    /** The number of features the network takes. */
    @Override
    public int numFeatures() {
        return network.inputSize();
    }

    /**
     * The prediction for one example, computed on the driver.
     *
     * @param features {@link #numFeatures()} values
     * @return the network's output
     */
    @Override
    public double predict(Vector features) {
        return network.predict(Nd4j.create(features.toArray(), new long[] {1, features.size()}, 'c')
                .castTo(network.dataType())).getDouble(0);
    }

    /**
     * {@code dataset} with {@code prediction} appended (unless its param is {@code ""}), computed on
     * the executors.
     *
     * @param dataset a DataFrame with a features column of ML vectors
     * @return the scored DataFrame, computed lazily as Spark does
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema(), true);
        StageOutputs outputs = StageOutputs.of(StageOutputs.Kind.REGRESSION, schema, "", "", getPredictionCol(), null);
        return StageScoring.transform(dataset, schema, network, getFeaturesCol(), outputs);
    }

    @Override
    public NeuralNetRegressionModel copy(ParamMap extra) {
        return copyValues(new NeuralNetRegressionModel(uid(), network), extra).setParent(parent());
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
    public static MLReader<NeuralNetRegressionModel> read() {
        return new NetworkStageReader<>(NeuralNetRegressionModel.class, NeuralNetRegressionModel::new);
    }

    /**
     * Loads a model saved at {@code path}.
     *
     * @param path a Hadoop path
     * @return the model
     */
    public static NeuralNetRegressionModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "NeuralNetRegressionModel: uid=" + uid() + ", numFeatures=" + numFeatures() + ", network=" + network;
    }
}
