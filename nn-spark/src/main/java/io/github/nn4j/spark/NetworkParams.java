package io.github.nn4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import scala.runtime.AbstractFunction1;

/**
 * The {@link NeuralNetParams} of one stage: created with the stage as their parent (Spark ties a
 * parameter to its stage's uid) and given their defaults.
 */
final class NetworkParams {

    static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "elu", "tanh", "sigmoid", "softplus");
    static final List<String> OPTIMIZERS = List.of("adam", "sgd", "momentum", "rmsprop", "adagrad");

    final IntArrayParam layers;
    final Param<String> activation;
    final DoubleParam dropout;
    final Param<String> optimizer;
    final DoubleParam stepSize;
    final DoubleParam weightDecay;
    final IntParam maxIter;
    final IntParam blockSize;
    final LongParam seed;

    NetworkParams(Params stage) {
        layers = new IntArrayParam(stage, "layers", "sizes of the layers from input to output, e.g. [784, 128, 10]: "
                + "784 features, a hidden layer of 128 units, 10 outputs; at least two sizes, each at least 1",
                new LayerSizes());
        activation = new Param<>(stage, "activation", "activation after each hidden layer: " + ACTIVATIONS,
                ParamValidators.inArray(ACTIVATIONS));
        dropout = new DoubleParam(stage, "dropout", "dropout probability after each hidden activation, in [0, 1)",
                ParamValidators.inRange(0, 1, true, false));
        optimizer = new Param<>(stage, "optimizer", "optimizer: " + OPTIMIZERS, ParamValidators.inArray(OPTIMIZERS));
        stepSize = new DoubleParam(stage, "stepSize", "learning rate (> 0)", ParamValidators.gt(0));
        weightDecay = new DoubleParam(stage, "weightDecay", "decoupled weight decay λ (>= 0): w ← w − lr·λ·w each step",
                ParamValidators.gtEq(0));
        maxIter = new IntParam(stage, "maxIter", "epochs: passes over the training data (>= 1)", ParamValidators.gtEq(1));
        blockSize = new IntParam(stage, "blockSize", "global batch: examples per optimizer step over the cluster (>= 1)",
                ParamValidators.gtEq(1));
        seed = new LongParam(stage, "seed", "random seed of the weights, the shuffling and dropout");
        stage.setDefault(activation, "relu");
        stage.setDefault(dropout, 0.0);
        stage.setDefault(optimizer, "adam");
        stage.setDefault(stepSize, 1e-3);
        stage.setDefault(weightDecay, 0.0);
        stage.setDefault(maxIter, 10);
        stage.setDefault(blockSize, 128);
        stage.setDefault(seed, (long) stage.getClass().getName().hashCode());
    }

    /** Valid layer sizes: at least two, each at least 1. */
    private static final class LayerSizes extends AbstractFunction1<int[], Object> implements Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public Object apply(int[] sizes) {
            return sizes.length >= 2 && Arrays.stream(sizes).allMatch(size -> size >= 1);
        }
    }
}
