package io.github.nn4j.spark;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ELU;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Softplus;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adagrad;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.RmsProp;
import io.github.nn4j.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;

/**
 * What {@link NeuralNetClassifier} and {@link NeuralNetRegressor} share: the network their params
 * describe, and its synchronous training with {@link SparkTrainer}.
 */
final class NetworkTraining {

    private NetworkTraining() {
    }

    /**
     * Trains the network of {@code params} on two columns of {@code data}, synchronously: one
     * optimizer step per global batch of {@code blockSize} examples, as one machine would.
     *
     * @throws IllegalArgumentException when {@code layers} is not set, or the data does not fit it
     */
    static Sequential fit(NeuralNetParams params, Dataset<?> data, String featuresCol, String labelCol,
                          LossFactory loss) {
        Sequential network = network(params);
        SparkTrainer.builder(network).loss(loss).optimizer(optimizer(params))
                .batchSize(params.getBlockSize()).epochs(params.getMaxIter()).seed(params.getSeed())
                .logEpochs(false).progressBar(false)
                .build()
                .fit(DistributedData.of(data.toDF(), featuresCol, labelCol));
        return network;
    }

    /**
     * The size of the output layer.
     *
     * @throws IllegalArgumentException when {@code layers} is not set
     */
    static int outputs(NeuralNetParams params) {
        int[] sizes = sizes(params);
        return sizes[sizes.length - 1];
    }

    /**
     * The untrained network: for each pair of sizes a {@code Dense} layer, and between them the
     * activation, then dropout if any; He initialization for the ReLU family, Xavier for tanh and
     * sigmoid, from the seed.
     */
    static Sequential network(NeuralNetParams params) {
        int[] sizes = sizes(params);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Dense(sizes[i], sizes[i + 1]));
            if (i + 2 < sizes.length) {
                layers.add(activation(params.getActivation()));
                if (params.getDropout() > 0) {
                    layers.add(new Dropout(params.getDropout()));
                }
            }
        }
        boolean saturating = List.of("tanh", "sigmoid").contains(params.getActivation());
        return new Sequential(layers).init(saturating ? Initializer.xavierUniform() : Initializer.he(), params.getSeed());
    }

    /** The optimizer of {@code params}, at its step size, with its weight decay. */
    static Optimizer optimizer(NeuralNetParams params) {
        double rate = params.getStepSize();
        double decay = params.getWeightDecay();
        return switch (params.getOptimizer()) {
            case "adam" -> new Adam(rate).weightDecay(decay);
            case "sgd" -> new Sgd(rate).weightDecay(decay);
            case "momentum" -> new Sgd(rate).momentum(0.9).weightDecay(decay);
            case "rmsprop" -> new RmsProp(rate).weightDecay(decay);
            case "adagrad" -> new Adagrad(rate).weightDecay(decay);
            default -> throw new IllegalArgumentException("optimizer '" + params.getOptimizer() + "' is not one of "
                    + NetworkParams.OPTIMIZERS);
        };
    }

    private static Layer activation(String name) {
        return switch (name) {
            case "relu" -> new ReLU();
            case "leaky_relu" -> new LeakyReLU(0.01);
            case "elu" -> new ELU(1.0);
            case "tanh" -> new Tanh();
            case "sigmoid" -> new Sigmoid();
            case "softplus" -> new Softplus();
            default -> throw new IllegalArgumentException("activation '" + name + "' is not one of "
                    + NetworkParams.ACTIVATIONS);
        };
    }

    private static int[] sizes(NeuralNetParams params) {
        if (!params.isDefined(params.layers())) {
            throw new IllegalArgumentException("set the layer sizes first, e.g. setLayers(new int[] {784, 128, 10})");
        }
        return params.getLayers();
    }
}
