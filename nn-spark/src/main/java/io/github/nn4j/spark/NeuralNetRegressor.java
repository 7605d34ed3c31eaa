package io.github.nn4j.spark;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import java.util.Arrays;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML estimator that trains an nn4j network for regression of one number, on the cluster,
 * with {@link SparkTrainer} in synchronous mode (the mean squared error; the result is that of
 * {@code Trainer} on one machine with the same settings). It is an MLlib {@link Regressor}: it
 * takes {@code featuresCol} (Spark ML vectors), {@code labelCol} (numbers) and
 * {@code predictionCol}, and fits in a {@code Pipeline}, a {@code CrossValidator} or a
 * {@code TrainValidationSplit}. The network is set by {@link NeuralNetParams}; its last layer has
 * one unit.
 *
 * <pre>{@code
 * NeuralNetRegressor regressor = new NeuralNetRegressor()
 *         .setLayers(new int[] {13, 32, 1}).setMaxIter(50).setBlockSize(64).setStepSize(1e-2);
 * NeuralNetRegressionModel model = regressor.fit(train);
 * }</pre>
 */
public final class NeuralNetRegressor
        extends Regressor<Vector, NeuralNetRegressor, NeuralNetRegressionModel>
        implements NeuralNetParams, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private String uid;
    private final NetworkParams net;

    /** A regressor with a random uid and the default params; set {@code layers} before fitting. */
    public NeuralNetRegressor() {
        this(StageIds.fresh("nn4jRegressor"));
    }

    /**
     * A regressor with the given uid, as Spark's {@code copy} and readers make one.
     *
     * @param uid the stage's unique id
     */
    public NeuralNetRegressor(String uid) {
        this(StageIds.hold(uid));
    }

    private NeuralNetRegressor(StageIds.Held held) {
        uid();
        net = new NetworkParams(this);
    }

    /** The stage's unique id. */
    @Override
    public String uid() {
        if (uid == null) {
            uid = StageIds.take();
        }
        return uid;
    }

    /**
     * Trains the network on {@code dataset}'s features and labels (Spark's {@code fit} calls this
     * after checking the schema).
     *
     * @throws IllegalArgumentException when {@code layers} is not set or does not end in one unit, or
     *                                  the data does not fit the network
     */
    @Override
    public NeuralNetRegressionModel train(Dataset<?> dataset) {
        if (NetworkTraining.outputs(this) != 1) {
            throw new IllegalArgumentException("a regressor's last layer has 1 unit; layers are "
                    + Arrays.toString(getLayers()));
        }
        Sequential network = NetworkTraining.fit(this, dataset, getFeaturesCol(), getLabelCol(), Loss::mse);
        return new NeuralNetRegressionModel(uid(), network);
    }

    @Override
    public NeuralNetRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * Reads a regressor (its params) saved with {@code write().save(path)}.
     *
     * @return the reader
     */
    public static MLReader<NeuralNetRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a regressor saved at {@code path}.
     *
     * @param path a Hadoop path
     * @return the regressor
     */
    public static NeuralNetRegressor load(String path) {
        return read().load(path);
    }

    @Override
    public IntArrayParam layers() {
        return net.layers;
    }

    @Override
    public Param<String> activation() {
        return net.activation;
    }

    @Override
    public DoubleParam dropout() {
        return net.dropout;
    }

    @Override
    public Param<String> optimizer() {
        return net.optimizer;
    }

    @Override
    public DoubleParam stepSize() {
        return net.stepSize;
    }

    @Override
    public DoubleParam weightDecay() {
        return net.weightDecay;
    }

    @Override
    public IntParam maxIter() {
        return net.maxIter;
    }

    @Override
    public IntParam blockSize() {
        return net.blockSize;
    }

    @Override
    public LongParam seed() {
        return net.seed;
    }

    /**
     * Sets {@code layers}.
     *
     * @param value layer sizes from input to output, e.g. {@code {13, 32, 1}}
     * @return this
     */
    public NeuralNetRegressor setLayers(int[] value) {
        return with(net.layers, value);
    }

    /**
     * Sets {@code activation}.
     *
     * @param value the activation after each hidden layer, e.g. {@code "relu"}
     * @return this
     */
    public NeuralNetRegressor setActivation(String value) {
        return with(net.activation, value);
    }

    /**
     * Sets {@code dropout}.
     *
     * @param value the dropout probability after each hidden activation, in [0, 1)
     * @return this
     */
    public NeuralNetRegressor setDropout(double value) {
        return with(net.dropout, value);
    }

    /**
     * Sets {@code optimizer}.
     *
     * @param value the optimizer, e.g. {@code "adam"}
     * @return this
     */
    public NeuralNetRegressor setOptimizer(String value) {
        return with(net.optimizer, value);
    }

    /**
     * Sets {@code stepSize}.
     *
     * @param value the learning rate
     * @return this
     */
    public NeuralNetRegressor setStepSize(double value) {
        return with(net.stepSize, value);
    }

    /**
     * Sets {@code weightDecay}.
     *
     * @param value the decoupled weight decay λ
     * @return this
     */
    public NeuralNetRegressor setWeightDecay(double value) {
        return with(net.weightDecay, value);
    }

    /**
     * Sets {@code maxIter}.
     *
     * @param value epochs
     * @return this
     */
    public NeuralNetRegressor setMaxIter(int value) {
        return with(net.maxIter, value);
    }

    /**
     * Sets {@code blockSize}.
     *
     * @param value the global batch size
     * @return this
     */
    public NeuralNetRegressor setBlockSize(int value) {
        return with(net.blockSize, value);
    }

    /**
     * Sets {@code seed}.
     *
     * @param value the random seed
     * @return this
     */
    public NeuralNetRegressor setSeed(long value) {
        return with(net.seed, value);
    }

    private <T> NeuralNetRegressor with(Param<T> param, T value) {
        set(param, value);
        return this;
    }
}
