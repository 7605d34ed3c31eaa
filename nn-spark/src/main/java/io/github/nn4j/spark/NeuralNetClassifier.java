package io.github.nn4j.spark;

import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML estimator that trains an nn4j network as a classifier, on the cluster, with
 * {@link SparkTrainer} in synchronous mode: the result is that of {@code Trainer} on one machine
 * with the same settings. It is a {@link ProbabilisticClassifier}, so it takes MLlib's
 * {@code featuresCol} (Spark ML vectors), {@code labelCol} (class indices 0, 1, …),
 * {@code predictionCol}, {@code rawPredictionCol}, {@code probabilityCol} and {@code thresholds},
 * and fits in a {@code Pipeline}, a {@code CrossValidator} or a {@code TrainValidationSplit} like
 * MLlib's own classifiers. The network is set by {@link NeuralNetParams}.
 *
 * <pre>{@code
 * NeuralNetClassifier classifier = new NeuralNetClassifier()
 *         .setLayers(new int[] {784, 128, 10})     // inputs, hidden units, classes
 *         .setMaxIter(10).setBlockSize(512).setStepSize(2e-3);
 * NeuralNetClassificationModel model = classifier.fit(train);
 * }</pre>
 *
 * <p>With {@code k ≥ 2} outputs the network ends in {@code k} logits trained with the softmax
 * cross-entropy. With one output it is a binary classifier of labels 0 and 1 on one logit
 * {@code z}, trained with the binary cross-entropy from logits, and its model gives
 * {@code rawPrediction = [−z, z]} and {@code probability = [1 − σ(z), σ(z)]}, as MLlib's
 * logistic regression does.
 */
public final class NeuralNetClassifier
        extends ProbabilisticClassifier<Vector, NeuralNetClassifier, NeuralNetClassificationModel>
        implements NeuralNetParams, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private String uid;
    private final NetworkParams net;

    /** A classifier with a random uid and the default params; set {@code layers} before fitting. */
    public NeuralNetClassifier() {
        this(StageIds.fresh("nn4jClassifier"));
    }

    /**
     * A classifier with the given uid, as Spark's {@code copy} and readers make one.
     *
     * @param uid the stage's unique id
     */
    public NeuralNetClassifier(String uid) {
        this(StageIds.hold(uid));
    }

    private NeuralNetClassifier(StageIds.Held held) {
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
     * after checking the schema and casting the labels to doubles).
     *
     * @throws IllegalArgumentException when {@code layers} is not set, or the data does not fit it
     *                                  (features of another size, labels that are not classes 0 … k−1)
     */
    @Override
    public NeuralNetClassificationModel train(Dataset<?> dataset) {
        LossFactory loss = NetworkTraining.outputs(this) == 1 ? Loss::binaryCrossEntropyFromLogits : Loss::softmaxCrossEntropy;
        Sequential network = NetworkTraining.fit(this, dataset, getFeaturesCol(), getLabelCol(), loss);
        return new NeuralNetClassificationModel(uid(), network);
    }

    @Override
    public NeuralNetClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * Reads a classifier (its params) saved with {@code write().save(path)}.
     *
     * @return the reader
     */
    public static MLReader<NeuralNetClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a classifier saved at {@code path}.
     *
     * @param path a Hadoop path
     * @return the classifier
     */
    public static NeuralNetClassifier load(String path) {
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
     * @param value layer sizes from input to output, e.g. {@code {784, 128, 10}}
     * @return this
     */
    public NeuralNetClassifier setLayers(int[] value) {
        return with(net.layers, value);
    }

    /**
     * Sets {@code activation}.
     *
     * @param value the activation after each hidden layer, e.g. {@code "relu"}
     * @return this
     */
    public NeuralNetClassifier setActivation(String value) {
        return with(net.activation, value);
    }

    /**
     * Sets {@code dropout}.
     *
     * @param value the dropout probability after each hidden activation, in [0, 1)
     * @return this
     */
    public NeuralNetClassifier setDropout(double value) {
        return with(net.dropout, value);
    }

    /**
     * Sets {@code optimizer}.
     *
     * @param value the optimizer, e.g. {@code "adam"}
     * @return this
     */
    public NeuralNetClassifier setOptimizer(String value) {
        return with(net.optimizer, value);
    }

    /**
     * Sets {@code stepSize}.
     *
     * @param value the learning rate
     * @return this
     */
    public NeuralNetClassifier setStepSize(double value) {
        return with(net.stepSize, value);
    }

    /**
     * Sets {@code weightDecay}.
     *
     * @param value the decoupled weight decay λ
     * @return this
     */
    public NeuralNetClassifier setWeightDecay(double value) {
        return with(net.weightDecay, value);
    }

    /**
     * Sets {@code maxIter}.
     *
     * @param value epochs
     * @return this
     */
    public NeuralNetClassifier setMaxIter(int value) {
        return with(net.maxIter, value);
    }

    /**
     * Sets {@code blockSize}.
     *
     * @param value the global batch size
     * @return this
     */
    public NeuralNetClassifier setBlockSize(int value) {
        return with(net.blockSize, value);
    }

    /**
     * Sets {@code seed}.
     *
     * @param value the random seed
     * @return this
     */
    public NeuralNetClassifier setSeed(long value) {
        return with(net.seed, value);
    }

    private <T> NeuralNetClassifier with(Param<T> param, T value) {
        set(param, value);
        return this;
    }
}
