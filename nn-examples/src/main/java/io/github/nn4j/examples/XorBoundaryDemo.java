package io.github.nn4j.examples;

import io.github.nn4j.examples.plot.Grid;
import io.github.nn4j.examples.plot.Plots;
import io.github.nn4j.examples.plot.RegionChart;
import io.github.nn4j.model.Perceptron;
import io.github.nn4j.model.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a hidden layer buys: the decision regions of the 2-4-1 network of {@link XorDemo}
 * (defined and trained in {@link XorNetwork}), next to the single straight line
 * {@code w·x + b = 0} of a perceptron trained on the same four points.
 *
 * <p>Left: P(y=1) of the network on a grid over [−0.5, 1.5]², the four points marked. Right: the
 * perceptron's line and the half-planes it assigns to 0 and 1; no line puts (0,1) and (1,0) on
 * one side and (0,0) and (1,1) on the other.
 *
 * <p>Run: {@code mvn -q -pl nn-examples -am compile exec:java
 * -Dexec.mainClass=io.github.nn4j.examples.XorBoundaryDemo} (optional argument: the output
 * directory). Writes {@code xor-boundary.png}.
 */
public final class XorBoundaryDemo {

    /** Where both models are drawn: 81 × 81 points over [−0.5, 1.5]². */
    static final Grid GRID = new Grid(-0.5, 1.5, 81);

    private static final int BANDS = 10;
    private static final int PERCEPTRON_EPOCHS = 1000;

    private XorBoundaryDemo() {
    }

    /**
     * Trains both models and draws them.
     *
     * @param args optional: the output directory
     */
    public static void main(String[] args) {
        Plots.headless();
        Path directory = Plots.outputDirectory(args);
        Sequential mlp = XorNetwork.train(42, false);
        INDArray corners = mlp.predict(XorNetwork.xor().features());
        System.out.printf(Locale.ROOT, "2-4-1 network (tanh, sigmoid) of XorDemo, epochs 0 to %d of SGD on XOR:%n",
                XorNetwork.LAST_EPOCH);
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "  x = (%d, %d)  target %d  P(y=1) = %.4f%n", (int) XorNetwork.INPUTS[i][0],
                    (int) XorNetwork.INPUTS[i][1], (int) XorNetwork.XOR[i], corners.getDouble(i));
        }
        double[] best = bestPerceptronLine(new Perceptron(2), PERCEPTRON_EPOCHS);
        double[] w = {best[0], best[1]};
        long correct = Math.round(best[3] * 4);
        System.out.printf(Locale.ROOT, "perceptron, %d epochs of the perceptron rule: never 4/4; best line"
                + " w = (%.2f, %.2f), b = %.2f gets %d/4%n", PERCEPTRON_EPOCHS, w[0], w[1], best[2], correct);

        XYChart left = RegionChart.create("2-4-1 network: P(y = 1) after training", probabilityGrid(mlp, GRID), BANDS,
                GRID);
        XYChart right = RegionChart.create(String.format(Locale.ROOT, "perceptron's best line: %d/4 correct",
                correct), perceptronGrid(w, best[2], GRID), 2, GRID);
        RegionChart.addLine(right, w, best[2], GRID);
        List<XYChart> charts = List.of(left, right);
        for (XYChart chart : charts) {
            RegionChart.addPoints(chart, "XOR", XorNetwork.INPUTS, XorNetwork.XOR);
            RegionChart.fitCells(chart, GRID);
        }
        Path file = Plots.saveSheet(charts, 1, 2, directory.resolve("xor-boundary.png"));
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /**
     * P(y=1) of {@code model} at every point of {@code grid}.
     *
     * @param model a model with 2 inputs and 1 output in [0, 1]
     * @param grid  the grid
     * @return {@code values[i][j]} at {@code x1 = grid.coordinate(i)}, {@code x2 = grid.coordinate(j)}
     */
    static double[][] probabilityGrid(Sequential model, Grid grid) {
        int steps = grid.steps();
        double[] p = model.predict(Nd4j.create(grid.points())).reshape(steps * steps).toDoubleVector();
        double[][] values = new double[steps][steps];
        for (int i = 0; i < steps; i++) {
            System.arraycopy(p, i * steps, values[i], 0, steps);
        }
        return values;
    }

    /**
     * Runs the perceptron rule on XOR for {@code epochs} epochs and keeps the line that classified
     * the most points after an epoch (the last one, among ties).
     *
     * @param perceptron a fresh perceptron with 2 inputs
     * @param epochs     how many epochs to run
     * @return {@code {w1, w2, b, accuracy}}
     */
    static double[] bestPerceptronLine(Perceptron perceptron, int epochs) {
        double[] best = {0, 0, 0, -1};
        for (int epoch = 0; epoch < epochs; epoch++) {
            perceptron.trainEpoch(XorNetwork.xor(), 0.1);
            double accuracy = perceptron.accuracy(XorNetwork.xor());
            if (accuracy >= best[3]) {
                double[] w = perceptron.weights();
                best = new double[] {w[0], w[1], perceptron.bias(), accuracy};
            }
        }
        return best;
    }

    /** The class (0 or 1) the line {@code w·x + b = 0} assigns to each point of {@code grid}. */
    private static double[][] perceptronGrid(double[] w, double b, Grid grid) {
        int steps = grid.steps();
        double[][] values = new double[steps][steps];
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                double z = w[0] * grid.coordinate(i) + w[1] * grid.coordinate(j) + b;
                values[i][j] = z >= 0 ? 1 : 0;
            }
        }
        return values;
    }
}
