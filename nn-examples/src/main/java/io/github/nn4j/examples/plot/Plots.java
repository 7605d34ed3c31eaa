package io.github.nn4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Shared plumbing of the plotting demos: headless mode, the output directory, the house style of
 * the charts and writing them as PNG files with XChart.
 */
public final class Plots {

    /** Series colours used across the demos: blue, orange, green, red, purple, brown. */
    public static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private Plots() {
    }

    /**
     * Switches AWT to headless mode, so charts render without a display. Call it first in
     * {@code main}, before any AWT or XChart class is loaded.
     */
    public static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Where a demo writes its pictures: the first argument if given, otherwise
     * {@code nn-examples/output} (or {@code output} when run from inside {@code nn-examples}).
     *
     * @param args the demo's arguments
     * @return the directory, created if missing
     */
    public static Path outputDirectory(String[] args) {
        Path directory;
        if (args.length > 0 && !args[0].isBlank()) {
            directory = Path.of(args[0]);
        } else {
            directory = Files.isDirectory(Path.of("nn-examples")) ? Path.of("nn-examples", "output") : Path.of("output");
        }
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output directory " + directory.toAbsolutePath(), e);
        }
    }

    /**
     * Applies the common look to an XY, category or heat-map chart: white background, light grid,
     * legend inside the plot.
     *
     * @param styler the chart's styler
     */
    public static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setSeriesColors(COLORS);
        styler.setAntiAlias(true);
    }

    /**
     * A solid line of the given width, for series lines.
     *
     * @param width in pixels
     * @param dashed whether to dash it
     * @return the stroke
     */
    public static BasicStroke line(float width, boolean dashed) {
        return dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * Writes one chart as a PNG file of the chart's pixel size.
     *
     * @param chart the chart
     * @param file  the file, ending in {@code .png}; its directory is created if missing
     * @return {@code file}
     */
    public static Path save(Chart<?, ?> chart, Path file) {
        prepare(file);
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
        return file;
    }

    /**
     * Writes several charts of equal size on one sheet, row by row, as a PNG file.
     *
     * @param charts  the charts, all of the same pixel size
     * @param rows    rows of the sheet
     * @param columns columns of the sheet
     * @param file    the file, ending in {@code .png}
     * @return {@code file}
     */
    public static Path saveSheet(List<? extends Chart<?, ?>> charts, int rows, int columns, Path file) {
        if (charts.isEmpty() || charts.size() > rows * columns) {
            throw new IllegalArgumentException(charts.size() + " charts do not fit a " + rows + "×" + columns + " sheet");
        }
        prepare(file);
        try {
            BitmapEncoder.saveBitmap(List.copyOf(charts), rows, columns, file.toString(), BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
        return file;
    }

    private static void prepare(Path file) {
        if (!file.getFileName().toString().endsWith(".png")) {
            throw new IllegalArgumentException("chart files are PNG and must end in .png, got " + file);
        }
        headless();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file.toAbsolutePath(), e);
        }
    }
}
