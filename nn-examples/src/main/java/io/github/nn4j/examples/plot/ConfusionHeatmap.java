package io.github.nn4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * A confusion matrix as a heat map: rows are the true classes (first at the top), columns the
 * predicted ones, each cell labelled with its count and shaded by it (on a square-root scale, so
 * small confusions still show). The PNG is
 * {@value #WIDTH}×{@value #HEIGHT} pixels.
 *
 * <pre>{@code
 * ConfusionHeatmap.save(Path.of("confusion.png"), report.confusionMatrix(), classNames);
 * }</pre>
 */
public final class ConfusionHeatmap {

    /** Width of the PNG in pixels. */
    public static final int WIDTH = 900;
    /** Height of the PNG in pixels. */
    public static final int HEIGHT = 780;

    private ConfusionHeatmap() {
    }

    /**
     * White to blue with the depth of blue growing as the square root of the count, so that the
     * off-diagonal confusions (often a tenth of the diagonal or less) stay visible next to the
     * large diagonal. XChart spaces the range colours evenly over [0, max] and interpolates
     * linearly between them, so eleven stops approximate the curve closely.
     */
    static Color[] squareRootRamp() {
        Color[] stops = new Color[11];
        for (int k = 0; k < stops.length; k++) {
            double depth = Math.sqrt(k / 10.0);
            stops[k] = new Color(mix(255, 49, depth), mix(255, 130, depth), mix(255, 189, depth));
        }
        return stops;
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    /**
     * Writes the heat map.
     *
     * @param file       the PNG file to write
     * @param matrix     {@code matrix[true][predicted]} counts, square
     * @param classNames one name per class
     * @return {@code file}
     * @throws IllegalArgumentException when the matrix is not square or the names do not match it
     */
    public static Path save(Path file, int[][] matrix, String[] classNames) {
        int n = classNames.length;
        if (n == 0 || matrix.length != n || Arrays.stream(matrix).anyMatch(row -> row.length != n)) {
            throw new IllegalArgumentException("a confusion matrix needs " + n + "×" + n + " counts for "
                    + n + " class names, got " + matrix.length + " rows");
        }
        Plots.headless();
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Confusion matrix (rows: true class, columns: predicted)").xAxisTitle("predicted")
                .yAxisTitle("true").build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, n > 12 ? 9 : 12));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setRangeColors(squareRootRamp());
        chart.getStyler().setXAxisLabelRotation(45);
        int max = Arrays.stream(matrix).flatMapToInt(Arrays::stream).max().orElse(0);
        chart.getStyler().setMin(0).setMax(Math.max(1, max));

        List<String> predicted = Arrays.asList(classNames);
        List<String> truth = new ArrayList<>(predicted);
        java.util.Collections.reverse(truth); // the first class at the top
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[] {p, n - 1 - t, matrix[t][p]});
            }
        }
        chart.addSeries("count", predicted, truth, cells);
        return Plots.save(chart, file);
    }
}
