package io.github.nn4j.examples;

import io.github.nn4j.base.Mode;
import io.github.nn4j.examples.plot.Plots;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Vanishing gradients, measured: the norm ‖dL/dW‖ of each of the 10 weight matrices of a deep
 * network, for sigmoid units with Xavier initialization and for ReLU units with He
 * initialization, at initialization and after some training on a seeded random classification
 * problem.
 *
 * <p>Backpropagation multiplies the gradient by {@code σ'(z) ≤ 0.25} at every sigmoid layer, so
 * it shrinks geometrically on its way to the first layers, which then barely learn. ReLU passes
 * it through unchanged where the unit is active, and He initialization keeps its size steady.
 *
 * <p>Run: {@code mvn -q -pl nn-examples -am compile exec:java
 * -Dexec.mainClass=io.github.nn4j.examples.VanishingGradientsDemo} (optional argument: the output
 * directory). Writes {@code vanishing-gradients.png} and prints the numbers.
 */
public final class VanishingGradientsDemo {

    static final int DEPTH = 10;
    static final int WIDTH = 32;
    static final int FEATURES = 16;
    static final int EXAMPLES = 512;

    private VanishingGradientsDemo() {
    }

    /**
     * Gradient norms of one network at initialization and after training.
     *
     * @param name     e.g. "sigmoid, Xavier"
     * @param initial  ‖dL/dW‖ per layer, first to last, at initialization
     * @param trained  ‖dL/dW‖ per layer after training
     * @param lossBefore the loss at initialization
     * @param lossAfter  the loss after training
     */
    record Result(String name, double[] initial, double[] trained, double lossBefore, double lossAfter) {
    }

    /**
     * Measures both networks, prints the numbers and draws the chart.
     *
     * @param args optional: the output directory
     */
    public static void main(String[] args) {
        Plots.headless();
        Path directory = Plots.outputDirectory(args);
        int steps = 300;
        List<Result> results = List.of(
                measure("sigmoid, Xavier init", Sigmoid::new, Initializer.xavierNormal(), steps),
                measure("ReLU, He init", ReLU::new, Initializer.he(), steps));
        System.out.printf("‖dL/dW‖ per layer of a %d-layer network (%d units wide), %d random examples,"
                + " before and after %d SGD steps%n", DEPTH, WIDTH, EXAMPLES, steps);
        System.out.print("layer ");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "| %-34s ", result.name());
        }
        System.out.print("\n      ");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "| %-22s %-11s ", "at initialization", "trained");
        }
        System.out.println();
        for (int layer = 0; layer < DEPTH; layer++) {
            System.out.printf(Locale.ROOT, "%5d ", layer + 1);
            for (Result result : results) {
                System.out.printf(Locale.ROOT, "| %-22.3e %-11.3e ", result.initial()[layer], result.trained()[layer]);
            }
            System.out.println();
        }
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "%-22s first/last layer ratio %.1e at init, %.1e trained; loss %.4f → %.4f%n",
                    result.name(), ratio(result.initial()), ratio(result.trained()), result.lossBefore(),
                    result.lossAfter());
        }
        Path file = Plots.save(chart(results, steps), directory.resolve("vanishing-gradients.png"));
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /**
     * ‖dL/dW‖ of the first layer divided by that of the last.
     *
     * @param norms per layer, first to last
     * @return the ratio
     */
    static double ratio(double[] norms) {
        return norms[0] / norms[norms.length - 1];
    }

    /**
     * Builds the network, measures its gradient norms, trains it for {@code steps} mini-batch SGD
     * steps and measures again. Everything is seeded: the same call gives the same numbers.
     *
     * @param name        a label
     * @param activation  makes one activation layer
     * @param initializer the weight initializer
     * @param steps       SGD steps of 64 examples, learning rate 0.05
     * @return the norms
     */
    static Result measure(String name, Supplier<Layer> activation, Initializer initializer, int steps) {
        List<Layer> layers = new ArrayList<>();
        int in = FEATURES;
        for (int i = 0; i < DEPTH - 1; i++) {
            layers.add(new Dense(in, WIDTH));
            layers.add(activation.get());
            in = WIDTH;
        }
        layers.add(new Dense(in, 1)); // a logit
        Sequential model = new Sequential(layers).init(initializer, 7);
        INDArray[] data = problem(11);
        Loss loss = Loss.binaryCrossEntropyFromLogits();
        double lossBefore = loss.value(model.predict(data[0]), data[1]);
        double[] initial = gradientNorms(model, loss, data[0], data[1]);
        Sgd sgd = new Sgd(0.05);
        int batch = 64;
        for (int step = 0; step < steps; step++) {
            int from = (step * batch) % EXAMPLES;
            INDArray x = data[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + batch),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray y = data[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + batch),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray output = model.forward(x, Mode.TRAIN);
            model.backward(loss.gradient(output, y));
            sgd.step(model.parameterSet());
        }
        double lossAfter = loss.value(model.predict(data[0]), data[1]);
        return new Result(name, initial, gradientNorms(model, loss, data[0], data[1]), lossBefore, lossAfter);
    }

    /**
     * A seeded random classification problem: {@code EXAMPLES} points with {@code FEATURES}
     * standard normal features, labelled 1 when {@code sin(x·u) + (x·v)/4 > 0} for two random
     * directions {@code u}, {@code v}: not linearly separable, so depth has something to do.
     *
     * @param seed the seed
     * @return {@code {features [EXAMPLES, FEATURES], labels [EXAMPLES, 1]}}
     */
    static INDArray[] problem(long seed) {
        Random random = new Random(seed);
        double[] u = new double[FEATURES];
        double[] v = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            u[j] = random.nextGaussian() / Math.sqrt(FEATURES) * 2;
            v[j] = random.nextGaussian() / Math.sqrt(FEATURES);
        }
        float[][] x = new float[EXAMPLES][FEATURES];
        float[][] y = new float[EXAMPLES][1];
        for (int i = 0; i < EXAMPLES; i++) {
            double a = 0;
            double b = 0;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) random.nextGaussian();
                a += x[i][j] * u[j];
                b += x[i][j] * v[j];
            }
            y[i][0] = Math.sin(a) + b / 4 > 0 ? 1 : 0;
        }
        return new INDArray[] {Nd4j.create(x), Nd4j.create(y)};
    }

    /**
     * The Frobenius norm of dL/dW of every {@link Dense} layer on one batch, first to last.
     *
     * @param model the network
     * @param loss  the loss
     * @param x     the inputs
     * @param y     the targets
     * @return one norm per dense layer
     */
    static double[] gradientNorms(Sequential model, Loss loss, INDArray x, INDArray y) {
        INDArray output = model.forward(x, Mode.TRAIN);
        model.backward(loss.gradient(output, y));
        return model.parameters().stream().filter(p -> p.name().endsWith(".W"))
                .mapToDouble(p -> p.gradient().norm2Number().doubleValue()).toArray();
    }

    private static XYChart chart(List<Result> results, int steps) {
        XYChart chart = new XYChartBuilder().width(820).height(520)
                .title("Gradient norm per layer of a " + DEPTH + "-layer network").xAxisTitle("layer (1 = next to the input)")
                .yAxisTitle("‖dL/dW‖ (log scale)").build();
        Plots.style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(1.0).setXAxisMax((double) DEPTH);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setMarkerSize(8);
        double[] layers = new double[DEPTH];
        for (int i = 0; i < DEPTH; i++) {
            layers[i] = i + 1;
        }
        int color = 0;
        for (Result result : results) {
            XYSeries initial = chart.addSeries(result.name() + ", at initialization", layers, result.initial());
            initial.setLineColor(Plots.COLORS[color]).setLineStyle(Plots.line(2f, true));
            initial.setMarkerColor(Plots.COLORS[color]).setMarker(SeriesMarkers.CIRCLE);
            XYSeries trained = chart.addSeries(result.name() + ", after " + steps + " SGD steps", layers,
                    result.trained());
            trained.setLineColor(Plots.COLORS[color]).setLineStyle(Plots.line(2.5f, false));
            trained.setMarkerColor(Plots.COLORS[color]).setMarker(SeriesMarkers.DIAMOND);
            color = 3;
        }
        return chart;
    }
}
