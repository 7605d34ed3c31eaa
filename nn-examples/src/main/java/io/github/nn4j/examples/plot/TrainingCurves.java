package io.github.nn4j.examples.plot;

import io.github.nn4j.train.History;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves: loss (left) and accuracy (right) per epoch, training against validation, on
 * one {@value #WIDTH}×{@value #HEIGHT} pixel PNG.
 *
 * <pre>{@code
 * TrainingCurves.save(Path.of("curves.png"), trainLoss, validationLoss, trainAccuracy, validationAccuracy);
 * }</pre>
 *
 * <p>Any list may be empty (the curve is left out), for example accuracy for a regression model.
 */
public final class TrainingCurves {

    /** Width of the PNG in pixels. */
    public static final int WIDTH = 1200;
    /** Height of the PNG in pixels. */
    public static final int HEIGHT = 440;

    private TrainingCurves() {
    }

    /**
     * Writes the loss and accuracy curves of any training run: training and, where recorded,
     * validation, one point per epoch.
     *
     * @param file    the PNG file to write
     * @param history what {@code Trainer.fit} returned
     * @return {@code file}
     */
    public static Path save(Path file, History history) {
        return save(file, series(history, "loss"), series(history, "val_loss"), series(history, "accuracy"),
                series(history, "val_accuracy"));
    }

    private static List<Double> series(History history, String metric) {
        return history.metricNames().contains(metric) ? history.metric(metric) : List.of();
    }

    /**
     * Writes the two charts side by side.
     *
     * @param file               the PNG file to write
     * @param trainLoss          mean training loss per epoch
     * @param validationLoss     validation loss per epoch, or empty
     * @param trainAccuracy      training accuracy per epoch in [0, 1], or empty
     * @param validationAccuracy validation accuracy per epoch in [0, 1], or empty
     * @return {@code file}
     * @throws IllegalArgumentException when every list is empty
     */
    public static Path save(Path file, List<Double> trainLoss, List<Double> validationLoss,
            List<Double> trainAccuracy, List<Double> validationAccuracy) {
        if (trainLoss.isEmpty() && validationLoss.isEmpty() && trainAccuracy.isEmpty()
                && validationAccuracy.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot: every list is empty");
        }
        Plots.headless();
        XYChart loss = chart("Loss per epoch", "loss");
        loss.getStyler().setYAxisDecimalPattern("0.0##");
        add(loss, "training", trainLoss, 0);
        add(loss, "validation", validationLoss, 1);
        XYChart accuracy = chart("Accuracy per epoch", "accuracy");
        accuracy.getStyler().setLegendPosition(LegendPosition.InsideSE);   // accuracy rises into the top right
        accuracy.getStyler().setYAxisDecimalPattern("0.00");
        add(accuracy, "training", trainAccuracy, 0);
        add(accuracy, "validation", validationAccuracy, 1);
        if (trainAccuracy.isEmpty() && validationAccuracy.isEmpty()) {
            add(accuracy, "no accuracy recorded", List.of(Double.NaN), 5);
        }
        return Plots.saveSheet(List.of(loss, accuracy), 1, 2, file);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    private static void add(XYChart chart, String name, List<Double> values, int color) {
        if (values.isEmpty()) {
            return;
        }
        double[] epochs = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < y.length; i++) {
            epochs[i] = i + 1;
            y[i] = values.get(i);
        }
        XYSeries series = chart.addSeries(name, epochs, y);
        series.setLineColor(Plots.COLORS[color]).setLineStyle(Plots.line(2.5f, color == 1));
        series.setMarkerColor(Plots.COLORS[color]).setMarker(y.length <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
}
