package io.github.nn4j.examples;

import io.github.nn4j.base.Mode;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The XOR problem and the network that learns it, as {@link XorDemo} and {@link XorBoundaryDemo}
 * both use them: the four points of the truth table, and a 2-4-1 network (tanh hidden layer,
 * sigmoid output, Xavier-normal weights) trained with binary cross-entropy by full-batch SGD
 * with learning rate 0.5, one step in each of the epochs 0 to {@value #LAST_EPOCH}.
 */
final class XorNetwork {

    /** The four inputs of a two-input truth table. */
    static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** XOR of each input. */
    static final float[] XOR = {0, 1, 1, 0};
    /** Training runs epochs 0 to this one: {@value} + 1 full-batch steps. */
    static final int LAST_EPOCH = 2000;
    /** How often {@link #train(long, boolean)} prints the loss, in epochs. */
    static final int LOG_EVERY = 250;

    private XorNetwork() {
    }

    /**
     * The truth table with the given outputs.
     *
     * @param outputs the output for each of {@link #INPUTS}
     * @return features {@code [4, 2]}, labels {@code [4, 1]}
     */
    static DataSet truthTable(float... outputs) {
        float[][] labels = new float[4][1];
        for (int i = 0; i < 4; i++) {
            labels[i][0] = outputs[i];
        }
        return new DataSet(Nd4j.create(INPUTS), Nd4j.create(labels));
    }

    /** The XOR truth table. */
    static DataSet xor() {
        return truthTable(XOR);
    }

    /**
     * Trains a new 2-4-1 network on XOR.
     *
     * @param seed      the seed of the initial weights
     * @param printLoss whether to print the loss before the step of every {@value #LOG_EVERY}th epoch
     * @return the trained network
     */
    static Sequential train(long seed, boolean printLoss) {
        Sequential model = new Sequential(new Dense(2, 4), new Tanh(), new Dense(4, 1), new Sigmoid())
                .init(Initializer.xavierNormal(), seed);
        DataSet xor = xor();
        Loss loss = Loss.binaryCrossEntropy();
        Optimizer sgd = new Sgd(0.5);
        for (int epoch = 0; epoch <= LAST_EPOCH; epoch++) {
            // The four steps of training: forward, cost, backpropagate, update.
            INDArray predicted = model.forward(xor.features(), Mode.TRAIN);
            if (printLoss && epoch % LOG_EVERY == 0) {
                System.out.printf("epoch %4d  loss %.5f%n", epoch, loss.value(predicted, xor.labels()));
            }
            model.backward(loss.gradient(predicted, xor.labels()));
            sgd.step(model.parameterSet());
        }
        return model;
    }
}
