package io.github.nn4j.examples;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.model.Perceptron;
import io.github.nn4j.model.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The story of the reference notes in one run: a single perceptron learns AND and OR but can
 * never learn XOR; a network with one hidden layer, trained by backpropagation, learns it.
 *
 * <p>Run: {@code mvn -q exec:java -pl nn-examples} (after {@code mvn -q install -DskipTests}),
 * or pass a seed: {@code -Dexec.args=7}.
 */
public final class XorDemo {

    private XorDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args optional: the seed of the MLP's initial weights (default 42)
     */
    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        System.out.println("== 1. One perceptron: ŷ = step(x·w + b), rule w ← w + η(y − ŷ)x ==");
        perceptron("AND", XorNetwork.truthTable(0, 0, 0, 1));
        perceptron("OR ", XorNetwork.truthTable(0, 1, 1, 1));
        perceptron("XOR", XorNetwork.xor());
        System.out.println("No straight line separates XOR's 1s from its 0s, so no perceptron can get all four.");
        System.out.println();
        if (multiLayer(seed) != 4) {
            System.exit(1);
        }
    }

    private static void perceptron(String name, DataSet data) {
        Perceptron perceptron = new Perceptron(2);
        int maxEpochs = 1000;
        double best = 0;
        int epochs = 0;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            epochs = epoch;
            int mistakes = perceptron.trainEpoch(data, 0.1);
            best = Math.max(best, perceptron.accuracy(data));
            if (mistakes == 0) {
                break;
            }
        }
        int correct = (int) Math.round(perceptron.accuracy(data) * 4);
        if (correct == 4) {
            System.out.printf("%s: learned in %d epochs, 4/4 correct, w = [%.1f, %.1f], b = %.1f%n", name, epochs,
                    perceptron.weights()[0], perceptron.weights()[1], perceptron.bias());
        } else {
            System.out.printf("%s: after %d epochs still %d/4 correct (best ever %d/4): it never converges%n", name,
                    maxEpochs, correct, (int) Math.round(best * 4));
        }
    }

    /**
     * Trains the 2-4-1 network of {@link XorNetwork} on XOR, printing the loss and the truth table.
     *
     * @param seed the seed of the initial weights
     * @return how many of the four cases it gets right
     */
    static int multiLayer(long seed) {
        System.out.println("== 2. A 2-4-1 network: tanh hidden layer, sigmoid output, cross-entropy, backprop ==");
        Sequential model = XorNetwork.train(seed, true);
        DataSet xor = XorNetwork.xor();
        INDArray probabilities = model.predict(xor.features());
        System.out.println();
        System.out.println(" x1 x2 | target | P(y=1)  | predicted");
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            double p = probabilities.getDouble(i);
            int target = (int) xor.labels().getDouble(i);
            int predicted = p >= 0.5 ? 1 : 0;
            correct += predicted == target ? 1 : 0;
            System.out.printf("  %d  %d |   %d    | %.4f  |    %d%n", (int) XorNetwork.INPUTS[i][0],
                    (int) XorNetwork.INPUTS[i][1], target, p, predicted);
        }
        System.out.printf("%nMLP: %d/4 correct (seed %d)%n", correct, seed);
        return correct;
    }
}
