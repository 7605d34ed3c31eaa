package io.github.nn4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The decision regions of a two-input classifier as an XChart: each cell of a {@link Grid}
 * shaded from blue (class 0) through white (0.5) to red (class 1) by the model's P(y=1), the
 * labelled points on top, and optionally a straight decision line.
 *
 * <pre>{@code
 * XYChart chart = RegionChart.create("P(y = 1)", probabilities, 10, grid);
 * RegionChart.addPoints(chart, "XOR", inputs, labels);
 * RegionChart.fitCells(chart, grid);
 * }</pre>
 */
public final class RegionChart {

    private static final Color CLASS_0 = new Color(33, 102, 172);
    private static final Color CLASS_1 = new Color(178, 24, 43);

    private RegionChart() {
    }

    /**
     * A chart of {@code values} on {@code grid}, in {@code bands} colour bands.
     *
     * @param title  the chart's title
     * @param values {@code values[i][j]} in [0, 1] at {@code (grid.coordinate(i), grid.coordinate(j))}
     * @param bands  how many equal bands [0, 1] is split into; 2 labels them "predicts 0" and "predicts 1"
     * @param grid   the grid the values were computed on
     * @return the chart
     */
    public static XYChart create(String title, double[][] values, int bands, Grid grid) {
        XYChart chart = new XYChartBuilder().width(640).height(540).title(title).xAxisTitle("x1").yAxisTitle("x2")
                .build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setXAxisMin(grid.low()).setXAxisMax(grid.high()).setYAxisMin(grid.low())
                .setYAxisMax(grid.high());
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        chart.getStyler().setPlotGridLinesVisible(false);
        // XChart takes its tick positions from the first series: one that spans the whole plot.
        XYSeries frame = chart.addSeries(" ", new double[] {grid.low(), grid.high()},
                new double[] {grid.low(), grid.high()});
        frame.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        frame.setMarker(SeriesMarkers.NONE);
        frame.setShowInLegend(false);
        int steps = values.length;
        for (int band = 0; band < bands; band++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                for (int j = 0; j < steps; j++) {
                    int cellBand = Math.min(bands - 1, (int) (values[i][j] * bands));
                    if (cellBand == band) {
                        xs.add(grid.coordinate(i));
                        ys.add(grid.coordinate(j));
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

    /**
     * Draws the line {@code w·x + b = 0} across the chart.
     *
     * @param chart the chart
     * @param w     the two weights; (0, 0) draws nothing, since such a model predicts one class everywhere
     * @param b     the bias
     * @param grid  the chart's grid, whose ends the line runs between
     */
    public static void addLine(XYChart chart, double[] w, double b, Grid grid) {
        if (w[0] == 0 && w[1] == 0) {
            return;
        }
        double low = grid.low();
        double high = grid.high();
        double[] xs;
        double[] ys;
        if (Math.abs(w[1]) >= Math.abs(w[0])) {
            xs = new double[] {low, high};
            ys = new double[] {-(w[0] * low + b) / w[1], -(w[0] * high + b) / w[1]};
        } else {
            ys = new double[] {low, high};
            xs = new double[] {-(w[1] * low + b) / w[0], -(w[1] * high + b) / w[0]};
        }
        XYSeries line = chart.addSeries("w·x + b = 0", xs, ys);
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.BLACK);
        line.setLineStyle(new BasicStroke(2.5f));
    }

    /**
     * Marks the labelled points: a disc in the colour of its class, one legend entry per class.
     *
     * @param chart  the chart
     * @param target what the labels are, for the legend: {@code "<target> = 0"} and {@code "<target> = 1"}
     * @param points the points, rows {@code (x1, x2)}
     * @param labels each point's class, 0 or 1
     */
    public static void addPoints(XYChart chart, String target, float[][] points, float[] labels) {
        for (int label = 0; label <= 1; label++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == label) {
                    xs.add((double) points[i][0]);
                    ys.add((double) points[i][1]);
                }
            }
            XYSeries series = chart.addSeries(target + " = " + label, xs, ys);
            series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            series.setMarker(new Dot());
            series.setMarkerColor(label == 0 ? CLASS_0 : CLASS_1);
        }
    }

    /**
     * Renders the chart once to learn its scale, then sizes the grid cells so they tile without gaps.
     *
     * @param chart the chart, with all its series added
     * @param grid  the grid its cells come from
     */
    public static void fitCells(XYChart chart, Grid grid) {
        BitmapEncoder.getBufferedImage(chart);
        double step = grid.spacing();
        double width = Math.abs(chart.getScreenXFromChart(step) - chart.getScreenXFromChart(0));
        double height = Math.abs(chart.getScreenYFromChart(step) - chart.getScreenYFromChart(0));
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (series.getMarker() instanceof Cell cell) {
                cell.width = width + 1;
                cell.height = height + 1;
            }
        }
    }

    /** A blue (0) to white (0.5) to red (1) scale, pale enough for the points to stand out. */
    private static Color shade(double p) {
        Color end = p < 0.5 ? CLASS_0 : CLASS_1;
        double t = Math.min(1, Math.abs(p - 0.5) * 2) * 0.75;
        return new Color((int) Math.round(255 + (end.getRed() - 255) * t),
                (int) Math.round(255 + (end.getGreen() - 255) * t), (int) Math.round(255 + (end.getBlue() - 255) * t));
    }

    /** A filled rectangle of a set size in pixels: one cell of the grid. */
    private static final class Cell extends Marker {
        double width = 6;
        double height = 6;

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.fill(new Rectangle2D.Double(x - width / 2, y - height / 2, width, height));
        }
    }

    /** A 16-pixel disc with a black rim: one of the labelled points. */
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
