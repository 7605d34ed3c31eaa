package io.github.nn4j.examples;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.trace.StepTrace;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference notes' worked example, computed by nn4j with every number shown: a network of
 * 2 inputs, 3 sigmoid hidden neurons and 1 sigmoid output, one example {@code x = (0.05, 0.10)}
 * with target {@code 0.01}, mean squared error and SGD with learning rate 0.5.
 *
 * <p>First one training step written out by {@link StepTrace} (forward pass, loss,
 * backpropagation, update), then the same network trained until the loss stops falling.
 *
 * <p>Run: {@code mvn -q -pl nn-examples -am compile exec:java
 * -Dexec.mainClass=io.github.nn4j.examples.WorkedExampleDemo}.
 */
public final class WorkedExampleDemo {

    static final double LEARNING_RATE = 0.5;

    private WorkedExampleDemo() {
    }

    /**
     * Prints the worked example and the training run.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Sequential model = model();
        INDArray x = input();
        INDArray y = target();
        Loss loss = Loss.mse();
        Sgd sgd = new Sgd(LEARNING_RATE);

        System.out.println("=== The notes' worked example: one step of training, every number ===");
        System.out.println();
        StepTrace trace = StepTrace.record(model, loss, sgd, x, y);
        System.out.print(trace.toText(8));
        System.out.println();
        System.out.println("=== The same network, trained on the example until the loss stops falling ===");
        System.out.println("  steps  loss          output ŷ (target 0.01)");
        System.out.printf(Locale.ROOT, "%7d  %.10f  %.6f%n", 0, trace.loss(), trace.output().getDouble(0));
        int steps = train(model, loss, sgd, x, y, 20_000, 1e-12, true);
        INDArray output = model.predict(x);
        System.out.printf(Locale.ROOT, "%nAfter %d steps: ŷ = %.6f for target 0.01, loss %.3e%n", steps,
                output.getDouble(0), loss.value(output, y));
        ParameterSet p = model.parameterSet();
        double[][] w1 = p.get("dense0.W").value().toDoubleMatrix();
        double[] w2 = p.get("dense1.W").value().reshape(3).toDoubleVector();
        System.out.printf(Locale.ROOT, "W1 = [[%.4f, %.4f, %.4f], [%.4f, %.4f, %.4f]], W2 = [%.4f, %.4f, %.4f]ᵀ,"
                + " b2 = %.4f%n", w1[0][0], w1[0][1], w1[0][2], w1[1][0], w1[1][1], w1[1][2], w2[0], w2[1], w2[2],
                p.get("dense1.b").value().getDouble(0));
    }

    /**
     * Trains with full-batch SGD until the loss falls by less than {@code tolerance} in a step or
     * {@code maxSteps} steps have run, printing the loss at 1, 2, 5, 10, 20, 50, ... steps when asked.
     *
     * @param model     the model, already stepped once by the trace
     * @param loss      the loss
     * @param sgd       the optimizer
     * @param x         the input
     * @param y         the target
     * @param maxSteps  the most steps to count
     * @param tolerance the smallest decrease of the loss that counts as progress
     * @param print     whether to print the loss on the way
     * @return the number of SGD steps taken in all, the traced one included
     */
    static int train(Sequential model, Loss loss, Sgd sgd, INDArray x, INDArray y, int maxSteps, double tolerance,
            boolean print) {
        double previous = Double.MAX_VALUE;
        int step = 1;
        for (; step < maxSteps; step++) {
            INDArray output = model.forward(x, Mode.TRAIN);
            double value = loss.value(output, y);
            if (print && isReportStep(step)) {
                System.out.printf(Locale.ROOT, "%7d  %.10f  %.6f%n", step, value, output.getDouble(0));
            }
            if (previous - value < tolerance) {
                if (print) {
                    System.out.printf(Locale.ROOT, "%7d  %.10f  %.6f  (the loss fell by less than %.0e: converged)%n",
                            step, value, output.getDouble(0), tolerance);
                }
                break;
            }
            previous = value;
            model.backward(loss.gradient(output, y));
            sgd.step(model.parameterSet());
        }
        return step;
    }

    private static boolean isReportStep(int step) {
        while (step % 10 == 0) {
            step /= 10;
        }
        return step == 1 || step == 2 || step == 5;
    }

    /**
     * The 2-3-1 sigmoid network with the notes' starting weights: W1 = [[0.15, 0.20, 0.25],
     * [0.30, 0.35, 0.40]], b1 = 0.35, W2 = [0.40, 0.45, 0.50]ᵀ, b2 = 0.60, in double precision.
     *
     * @return the model
     */
    static Sequential model() {
        Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1), new Sigmoid())
                .init(Initializer.zeros(), 0, DataType.DOUBLE);
        ParameterSet p = model.parameterSet();
        p.get("dense0.W").value().assign(Nd4j.create(new double[][] {{0.15, 0.20, 0.25}, {0.30, 0.35, 0.40}}));
        p.get("dense0.b").value().assign(0.35);
        p.get("dense1.W").value().assign(Nd4j.create(new double[][] {{0.40}, {0.45}, {0.50}}));
        p.get("dense1.b").value().assign(0.60);
        return model;
    }

    /** The example's input, {@code X = [[0.05, 0.10]]}. */
    static INDArray input() {
        return Nd4j.create(new double[][] {{0.05, 0.10}});
    }

    /** The example's target, {@code y = [[0.01]]}. */
    static INDArray target() {
        return Nd4j.create(new double[][] {{0.01}});
    }
}
