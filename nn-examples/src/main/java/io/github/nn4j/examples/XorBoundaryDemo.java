package io.github.nn4j.examples;

import io.github.nn4j.base.Mode;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.examples.plot.Plots;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Perceptron;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a hidden layer buys: the decision regions of a 2-4-1 network trained on XOR, next to the
 * single straight line {@code w·x + b = 0} of a perceptron trained on the same four points.
 *
 * <p>Left: P(y=1) of the network on a grid over [−0.5, 1.5]², the four points marked. Right: the
 * perceptron's line and the half-planes it assigns to 0 and 1; no line puts (0,1) and (1,0) on
 * one side and (0,0) and (1,1) on the other.
 *
 * <p>Run: {@code OMP_WAIT_POLICY=PASSIVE mvn -q -pl nn-examples -am compile exec:java
 * -Dexec.mainClass=io.github.nn4j.examples.XorBoundaryDemo} (optional argument: the output
 * directory). Writes {@code xor-boundary.png}.
 */
public final class XorBoundaryDemo {

    static final double LOW = -0.5;
    static final double HIGH = 1.5;
    static final int STEPS = 81;

    private static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[] XOR = {0, 1, 1, 0};
    private static final int BANDS = 10;
    private static final Color CLASS_0 = new Color(33, 102, 172);
    private static final Color CLASS_1 = new Color(178, 24, 43);

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
        Sequential mlp = trainNetwork(42);
        double[][] grid = probabilityGrid(mlp, LOW, HIGH, STEPS);
        INDArray corners = mlp.predict(xor().features());
        System.out.println("2-4-1 network (tanh, sigmoid), 2000 epochs of SGD on XOR:");
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "  x = (%d, %d)  target %d  P(y=1) = %.4f%n", (int) INPUTS[i][0],
                    (int) INPUTS[i][1], (int) XOR[i], corners.getDouble(i));
        }
        Perceptron perceptron = new Perceptron(2);
        double[] best = bestPerceptronLine(perceptron, 1000);
        double[] w = {best[0], best[1]};
        System.out.printf(Locale.ROOT, "perceptron, 1000 epochs of the perceptron rule: never 4/4; best line"
                + " w = (%.2f, %.2f), b = %.2f gets %d/4%n", w[0], w[1], best[2], Math.round(best[3] * 4));

        XYChart left = regionChart("2-4-1 network: P(y = 1) after training", grid, BANDS);
        XYChart right = regionChart(String.format(Locale.ROOT, "perceptron's best line: %d/4 correct",
                Math.round(best[3] * 4)), perceptronGrid(w, best[2], LOW, HIGH, STEPS), 2);
        addLine(right, w, best[2]);
        List<XYChart> charts = List.of(left, right);
        for (XYChart chart : charts) {
            addPoints(chart);
            fitCells(chart);
        }
        Path file = Plots.saveSheet(charts, 1, 2, directory.resolve("xor-boundary.png"));
        System.out.println("wrote " + file.toAbsolutePath());
    }

    static DataSet xor() {
        float[][] labels = new float[4][1];
        for (int i = 0; i < 4; i++) {
            labels[i][0] = XOR[i];
        }
        return new DataSet(Nd4j.create(INPUTS), Nd4j.create(labels));
    }

    /**
     * The XOR network of {@link XorDemo}: 2-4-1, tanh hidden layer, sigmoid output, binary
     * cross-entropy, full-batch SGD with learning rate 0.5 for 2000 epochs.
     *
     * @param seed the seed of the initial weights
     * @return the trained network
     */
    static Sequential trainNetwork(long seed) {
        Sequential model = new Sequential(new Dense(2, 4), new Tanh(), new Dense(4, 1), new Sigmoid())
                .init(Initializer.xavierNormal(), seed);
        DataSet data = xor();
        Loss loss = Loss.binaryCrossEntropy();
        Sgd sgd = new Sgd(0.5);
        for (int epoch = 0; epoch < 2000; epoch++) {
            INDArray predicted = model.forward(data.features(), Mode.TRAIN);
            model.backward(loss.gradient(predicted, data.labels()));
            sgd.step(model.parameterSet());
        }
        return model;
    }

    /**
     * P(y=1) of {@code model} on an even {@code steps × steps} grid over {@code [low, high]²}.
     *
     * @param model a model with 2 inputs and 1 output in [0, 1]
     * @param low   the lower end of both axes
     * @param high  the upper end of both axes
     * @param steps grid points per axis
     * @return {@code grid[i][j]} at {@code x1 = coordinate(i)}, {@code x2 = coordinate(j)}
     */
    static double[][] probabilityGrid(Sequential model, double low, double high, int steps) {
        float[][] points = new float[steps * steps][2];
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                points[i * steps + j][0] = (float) coordinate(i, low, high, steps);
                points[i * steps + j][1] = (float) coordinate(j, low, high, steps);
            }
        }
        double[] p = model.predict(Nd4j.create(points)).reshape(steps * steps).toDoubleVector();
        double[][] grid = new double[steps][steps];
        for (int i = 0; i < steps; i++) {
            System.arraycopy(p, i * steps, grid[i], 0, steps);
        }
        return grid;
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
            perceptron.trainEpoch(xor(), 0.1);
            double accuracy = perceptron.accuracy(xor());
            if (accuracy >= best[3]) {
                double[] w = perceptron.weights();
                best = new double[] {w[0], w[1], perceptron.bias(), accuracy};
            }
        }
        return best;
    }

    private static double[][] perceptronGrid(double[] w, double b, double low, double high, int steps) {
        double[][] grid = new double[steps][steps];
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                double z = w[0] * coordinate(i, low, high, steps) + w[1] * coordinate(j, low, high, steps)
                        + b;
                grid[i][j] = z >= 0 ? 1 : 0;
            }
        }
        return grid;
    }

    private static double coordinate(int index, double low, double high, int steps) {
        return low + (high - low) * index / (steps - 1);
    }

    /** A blue (0) to white (0.5) to red (1) scale, pale enough for the points to stand out. */
    private static Color shade(double p) {
        Color end = p < 0.5 ? CLASS_0 : CLASS_1;
        double t = Math.min(1, Math.abs(p - 0.5) * 2) * 0.75;
        return new Color((int) Math.round(255 + (end.getRed() - 255) * t),
                (int) Math.round(255 + (end.getGreen() - 255) * t), (int) Math.round(255 + (end.getBlue() - 255) * t));
    }

    private static XYChart regionChart(String title, double[][] grid, int bands) {
        XYChart chart = new XYChartBuilder().width(640).height(540).title(title).xAxisTitle("x1").yAxisTitle("x2")
                .build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setXAxisMin(LOW).setXAxisMax(HIGH).setYAxisMin(LOW).setYAxisMax(HIGH);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        chart.getStyler().setPlotGridLinesVisible(false);
        // XChart takes its tick positions from the first series: one that spans the whole plot.
        XYSeries frame = chart.addSeries(" ", new double[] {LOW, HIGH}, new double[] {LOW, HIGH});
        frame.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        frame.setMarker(SeriesMarkers.NONE);
        frame.setShowInLegend(false);
        int steps = grid.length;
        for (int band = 0; band < bands; band++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                for (int j = 0; j < steps; j++) {
                    int cellBand = Math.min(bands - 1, (int) (grid[i][j] * bands));
                    if (cellBand == band) {
                        xs.add(coordinate(i, LOW, HIGH, steps));
                        ys.add(coordinate(j, LOW, HIGH, steps));
                    }
                }
            }
            String label = bands == 2 ? (band == 0 ? "predicts 0" : "predicts 1")
                    : String.format(Locale.ROOT, "P(y=1) %.1f–%.1f", band / (double) bands, (band + 1) / (double) bands);
            if (xs.isEmpty()) {
                xs.add(Double.NaN);
                ys.add(Double.NaN);
            }
            XYSeries series = chart.addSeries(label, xs, ys);
            series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            series.setMarker(new Cell());
            series.setMarkerColor(shade(bands == 2 ? 0.15 + 0.7 * band : (band + 0.5) / bands));
        }
        return chart;
    }

    private static void addLine(XYChart chart, double[] w, double b) {
        if (w[0] == 0 && w[1] == 0) {
            return; // no line: the perceptron predicts the same class everywhere
        }
        double[] xs;
        double[] ys;
        if (Math.abs(w[1]) >= Math.abs(w[0])) {
            xs = new double[] {LOW, HIGH};
            ys = new double[] {-(w[0] * LOW + b) / w[1], -(w[0] * HIGH + b) / w[1]};
        } else {
            ys = new double[] {LOW, HIGH};
            xs = new double[] {-(w[1] * LOW + b) / w[0], -(w[1] * HIGH + b) / w[0]};
        }
        XYSeries line = chart.addSeries("w·x + b = 0", xs, ys);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.BLACK);
        line.setLineStyle(new BasicStroke(2.5f));
    }

    private static void addPoints(XYChart chart) {
        for (int label = 0; label <= 1; label++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                if (XOR[i] == label) {
                    xs.add((double) INPUTS[i][0]);
                    ys.add((double) INPUTS[i][1]);
                }
            }
            XYSeries points = chart.addSeries("XOR = " + label, xs, ys);
            points.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            points.setMarker(new Dot());
            points.setMarkerColor(label == 0 ? CLASS_0 : CLASS_1);
        }
    }

    /** Renders once to learn the plot's scale, then sizes the grid cells so they tile without gaps. */
    private static void fitCells(XYChart chart) {
        BitmapEncoder.getBufferedImage(chart);
        double step = (HIGH - LOW) / (STEPS - 1);
        double width = Math.abs(chart.getScreenXFromChart(step) - chart.getScreenXFromChart(0));
        double height = Math.abs(chart.getScreenYFromChart(step) - chart.getScreenYFromChart(0));
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (series.getMarker() instanceof Cell cell) {
                cell.width = width + 1;
                cell.height = height + 1;
            }
        }
    }

    /** A filled rectangle of a set size in pixels: one cell of the probability grid. */
    private static final class Cell extends Marker {
        double width = 6;
        double height = 6;

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.fill(new Rectangle2D.Double(x - width / 2, y - height / 2, width, height));
        }
    }

    /** A 16-pixel disc with a black rim: one of the four XOR points. */
    private static final class Dot extends Marker {
        private static final double SIZE = 16;

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            Ellipse2D disc = new Ellipse2D.Double(x - SIZE / 2, y - SIZE / 2, SIZE, SIZE);
            g.fill(disc);
            Color color = g.getColor();
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            g.draw(disc);
            g.setColor(color);
        }
    }
}
