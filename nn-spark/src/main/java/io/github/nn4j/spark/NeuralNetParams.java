package io.github.nn4j.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The parameters of {@link NeuralNetClassifier} and {@link NeuralNetRegressor}: the network and how
 * it is trained. Names follow Spark MLlib where it has the same setting ({@code maxIter},
 * {@code blockSize}, {@code stepSize}, {@code seed}, and {@code layers} as in
 * {@code MultilayerPerceptronClassifier}), so a {@code ParamGridBuilder} takes them as it takes
 * MLlib's.
 *
 * <table>
 * <caption>Parameters and defaults</caption>
 * <tr><th>param</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code layers}</td><td>sizes from input to output, e.g. {@code [784, 128, 10]}</td><td>none: required</td></tr>
 * <tr><td>{@code activation}</td><td>after each hidden layer: {@code relu}, {@code leaky_relu}, {@code elu},
 *     {@code tanh}, {@code sigmoid}, {@code softplus}</td><td>{@code relu}</td></tr>
 * <tr><td>{@code dropout}</td><td>dropout probability after each hidden activation</td><td>0</td></tr>
 * <tr><td>{@code optimizer}</td><td>{@code adam}, {@code sgd}, {@code momentum} (SGD with momentum 0.9),
 *     {@code rmsprop}, {@code adagrad}</td><td>{@code adam}</td></tr>
 * <tr><td>{@code stepSize}</td><td>the learning rate</td><td>0.001</td></tr>
 * <tr><td>{@code weightDecay}</td><td>decoupled weight decay λ: {@code w ← w − lr·λ·w} each step, on the weights</td><td>0</td></tr>
 * <tr><td>{@code maxIter}</td><td>epochs: passes over the training data</td><td>10</td></tr>
 * <tr><td>{@code blockSize}</td><td>the global batch: examples per optimizer step over the whole cluster</td><td>128</td></tr>
 * <tr><td>{@code seed}</td><td>weights, shuffling and dropout</td><td>the class name's hash, as MLlib's</td></tr>
 * </table>
 *
 * <p>MLlib's {@code MultilayerPerceptronClassifier} defaults to 100 iterations of L-BFGS over the
 * whole data set and a step size of 0.03 for gradient descent; an epoch of mini-batch Adam does far
 * more, so the defaults here are 10 epochs and Adam's usual 0.001. {@code blockSize} is MLlib's 128.
 */
public interface NeuralNetParams extends Params {

    /** Layer sizes from input to output. */
    IntArrayParam layers();

    /** The activation after each hidden layer. */
    Param<String> activation();

    /** The dropout probability after each hidden activation. */
    DoubleParam dropout();

    /** The optimizer's name. */
    Param<String> optimizer();

    /** The learning rate. */
    DoubleParam stepSize();

    /** Decoupled weight decay. */
    DoubleParam weightDecay();

    /** Epochs. */
    IntParam maxIter();

    /** The global batch size. */
    IntParam blockSize();

    /** The random seed. */
    LongParam seed();

    /** @return the layer sizes, from input to output */
    default int[] getLayers() {
        return getOrDefault(layers());
    }

    /** @return the activation after each hidden layer */
    default String getActivation() {
        return getOrDefault(activation());
    }

    /** @return the dropout probability */
    default double getDropout() {
        return (Double) getOrDefault(dropout());
    }

    /** @return the optimizer's name */
    default String getOptimizer() {
        return getOrDefault(optimizer());
    }

    /** @return the learning rate */
    default double getStepSize() {
        return (Double) getOrDefault(stepSize());
    }

    /** @return the weight decay */
    default double getWeightDecay() {
        return (Double) getOrDefault(weightDecay());
    }

    /** @return the number of epochs */
    default int getMaxIter() {
        return (Integer) getOrDefault(maxIter());
    }

    /** @return the global batch size */
    default int getBlockSize() {
        return (Integer) getOrDefault(blockSize());
    }

    /** @return the seed */
    default long getSeed() {
        return (Long) getOrDefault(seed());
    }
}
