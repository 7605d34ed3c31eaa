package io.github.nn4j.examples;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.examples.plot.Plots;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Sigmoid, tanh, ReLU and leaky ReLU with their derivatives, on one sheet of four charts, with
 * the saturated regions shaded: where |φ'(x)| &lt; 0.05 a gradient passing through the unit is
 * multiplied by less than 0.05, so learning through it all but stops.
 *
 * <p>Run: {@code mvn -q -pl nn-examples -am compile exec:java
 * -Dexec.mainClass=io.github.nn4j.examples.ActivationPlotsDemo} (optional argument: the output
 * directory, default {@code nn-examples/output}). Writes {@code activations.png}.
 */
public final class ActivationPlotsDemo {

    /** Below this |φ'(x)| a region counts as saturated. */
    static final double SATURATION = 0.05;

    private static final double FROM = -6;
    private static final double TO = 6;
    private static final int SAMPLES = 1201;
    private static final Color SHADE = new Color(255, 222, 173);

    private ActivationPlotsDemo() {
    }

    /**
     * One activation to plot: its function, its title and the y range of its chart.
     *
     * @param activation the function
     * @param title      the chart title
     * @param yMin       lower end of the y axis
     * @param yMax       upper end of the y axis
     */
    record Panel(Activation activation, String title, double yMin, double yMax) {
    }

    /**
     * Draws the sheet.
     *
     * @param args optional: the output directory
     */
    public static void main(String[] args) {
        Plots.headless();
        Path directory = Plots.outputDirectory(args);
        List<Panel> panels = List.of(
                new Panel(Activation.sigmoid(), "sigmoid σ(x) = 1 / (1 + e^−x)", -0.1, 1.1),
                new Panel(Activation.tanh(), "tanh(x)", -1.15, 1.15),
                new Panel(Activation.relu(), "ReLU(x) = max(0, x)", -1, 6.2),
                new Panel(Activation.leakyRelu(0.1), "leaky ReLU(x), slope 0.1 for x < 0", -1, 6.2));
        List<XYChart> charts = new ArrayList<>();
        for (Panel panel : panels) {
            List<double[]> ranges = saturatedRanges(panel.activation(), FROM, TO, SAMPLES, SATURATION);
            System.out.printf(Locale.ROOT, "%-16s |φ'(x)| < %.2f on %s%n", panel.activation().name(), SATURATION,
                    ranges.isEmpty() ? "no part of [-6, 6]" : describe(ranges));
            charts.add(chart(panel, ranges));
        }
        Path file = Plots.saveSheet(charts, 2, 2, directory.resolve("activations.png"));
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /**
     * The x intervals of {@code [from, to]} on which |φ'(x)| stays below {@code threshold},
     * found on an even grid of {@code samples} points.
     *
     * @param activation the function
     * @param from       left end
     * @param to         right end
     * @param samples    number of grid points, at least 2
     * @param threshold  the saturation threshold
     * @return the intervals as {@code {start, end}} pairs, left to right
     */
    static List<double[]> saturatedRanges(Activation activation, double from, double to, int samples,
            double threshold) {
        List<double[]> ranges = new ArrayList<>();
        double start = Double.NaN;
        double previous = from;
        for (int i = 0; i < samples; i++) {
            double x = from + (to - from) * i / (samples - 1);
            boolean saturated = Math.abs(activation.derivative(x)) < threshold;
            if (saturated && Double.isNaN(start)) {
                start = x;
            } else if (!saturated && !Double.isNaN(start)) {
                ranges.add(new double[] {start, previous});
                start = Double.NaN;
            }
            previous = x;
        }
        if (!Double.isNaN(start)) {
            ranges.add(new double[] {start, to});
        }
        return ranges;
    }

    private static String describe(List<double[]> ranges) {
        List<String> parts = new ArrayList<>();
        for (double[] range : ranges) {
            parts.add(String.format(Locale.ROOT, "[%.2f, %.2f]", range[0], range[1]));
        }
        return String.join(" and ", parts);
    }

    private static void shade(XYChart chart, String name, double[] range, double y, boolean inLegend) {
        XYSeries band = chart.addSeries(name, new double[] {range[0], range[1]}, new double[] {y, y});
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
        band.setFillColor(SHADE);
        band.setLineColor(SHADE);
        band.setLineWidth(0.1f);
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(inLegend);
        band.setLabel("saturated: |φ'(x)| < " + SATURATION);
    }

    private static XYChart chart(Panel panel, List<double[]> ranges) {
        XYChart chart = new XYChartBuilder().width(560).height(400).title(panel.title()).xAxisTitle("x")
                .yAxisTitle("").build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setXAxisMin(FROM).setXAxisMax(TO);
        chart.getStyler().setYAxisMin(panel.yMin()).setYAxisMax(panel.yMax());
        chart.getStyler().setYAxisDecimalPattern("0.0");

        for (int r = 0; r < ranges.size(); r++) {
            double[] range = ranges.get(r);
            // An area series fills between its line and y = 0: one above and one below make a full-height band.
            shade(chart, "band " + r + " above", range, panel.yMax(), r == 0);
            shade(chart, "band " + r + " below", range, panel.yMin(), false);
        }
        XYSeries axis = chart.addSeries("y = 0", new double[] {FROM, TO}, new double[] {0, 0});
        axis.setMarker(SeriesMarkers.NONE);
        axis.setLineColor(Color.GRAY);
        axis.setLineStyle(Plots.line(1f, false));
        axis.setShowInLegend(false);
        double[] x = new double[SAMPLES];
        double[] value = new double[SAMPLES];
        double[] derivative = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = FROM + (TO - FROM) * i / (SAMPLES - 1);
            value[i] = panel.activation().value(x[i]);
            derivative[i] = panel.activation().derivative(x[i]);
        }
        XYSeries function = chart.addSeries("φ(x)", x, value);
        function.setMarker(SeriesMarkers.NONE);
        function.setLineColor(Plots.COLORS[0]);
        function.setLineStyle(Plots.line(2.5f, false));
        XYSeries slope = chart.addSeries("φ'(x)", x, derivative);
        slope.setMarker(SeriesMarkers.NONE);
        slope.setLineColor(Plots.COLORS[3]);
        slope.setLineStyle(Plots.line(2f, true));
        return chart;
    }
}
