package io.github.nn4j.train;

import io.github.nn4j.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What happened during training: every epoch's metrics and timing, in order, and why training
 * stopped early if it did. Exportable as CSV and JSON for plotting.
 *
 * <pre>{@code
 * History history = trainer.fit(train, validation);
 * List<Double> accuracy = history.metric("val_accuracy");
 * history.writeCsv(Path.of("history.csv"));
 * }</pre>
 */
public final class History {

    private final List<EpochResult> results = new ArrayList<>();
    private String stopReason;

    /** Creates an empty history. */
    public History() {
    }

    /**
     * Records a finished epoch; the trainer calls this.
     *
     * @param result the epoch's result
     */
    public void add(EpochResult result) {
        results.add(result);
    }

    /**
     * Records why training stopped early; the trainer calls this.
     *
     * @param reason the first reason a listener gave
     */
    public void stopped(String reason) {
        this.stopReason = reason;
    }

    /** Every epoch's result, in order. */
    public List<EpochResult> epochResults() {
        return Collections.unmodifiableList(results);
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return results.size();
    }

    /** The metric names, in column order, e.g. {@code [loss, accuracy, val_loss, val_accuracy]}. */
    public List<String> metricNames() {
        return results.isEmpty() ? List.of() : List.copyOf(results.get(0).metrics().keySet());
    }

    /**
     * One metric over all epochs.
     *
     * @param name e.g. {@code "loss"} or {@code "val_accuracy"}
     * @return one value per epoch
     * @throws IllegalArgumentException naming the metrics there are, if there is none of that name
     */
    public List<Double> metric(String name) {
        List<Double> values = new ArrayList<>(results.size());
        for (EpochResult result : results) {
            values.add(result.metric(name));
        }
        return Collections.unmodifiableList(values);
    }

    /** Mean training loss per epoch. */
    public List<Double> trainLoss() {
        return metric("loss");
    }

    /** The last epoch's mean training loss. */
    public double finalLoss() {
        return last().metric("loss");
    }

    /**
     * The last epoch's value of a metric.
     *
     * @param name the metric name
     * @return its last value
     */
    public double last(String name) {
        return last().metric(name);
    }

    /** Why training stopped before the configured number of epochs, if it did. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * The history as CSV: a header {@code epoch,<metrics…>,samples,train_seconds,epoch_seconds,samples_per_second}
     * and one line per epoch.
     *
     * @return the CSV text
     */
    public String toCsv() {
        List<String> names = metricNames();
        StringBuilder text = new StringBuilder("epoch");
        for (String name : names) {
            text.append(',').append(name);
        }
        text.append(",samples,train_seconds,epoch_seconds,samples_per_second\n");
        for (EpochResult result : results) {
            text.append(result.epoch());
            for (String name : names) {
                text.append(',').append(number(result.metric(name)));
            }
            text.append(',').append(result.samples()).append(',').append(number(result.trainSeconds()))
                    .append(',').append(number(result.epochSeconds())).append(',')
                    .append(number(result.samplesPerSecond())).append('\n');
        }
        return text.toString();
    }

    /**
     * The history as JSON:
     * {@code {"epochs": [{"epoch": 1, "loss": 0.52, …, "samples": 55000, "train_seconds": 2.1, …}], "stop_reason": null}}.
     * Non-finite numbers are written as {@code null}.
     *
     * @return the JSON text
     */
    public String toJson() {
        StringBuilder text = new StringBuilder("{\n  \"epochs\": [");
        for (int i = 0; i < results.size(); i++) {
            EpochResult result = results.get(i);
            text.append(i == 0 ? "\n" : ",\n").append("    {\"epoch\": ").append(result.epoch());
            result.metrics().forEach((name, value) -> text.append(", ").append(quote(name)).append(": ")
                    .append(json(value)));
            text.append(", \"samples\": ").append(result.samples())
                    .append(", \"train_seconds\": ").append(json(result.trainSeconds()))
                    .append(", \"epoch_seconds\": ").append(json(result.epochSeconds()))
                    .append(", \"samples_per_second\": ").append(json(result.samplesPerSecond())).append('}');
        }
        text.append(results.isEmpty() ? "],\n" : "\n  ],\n");
        text.append("  \"stop_reason\": ").append(stopReason == null ? "null" : quote(stopReason)).append("\n}\n");
        return text.toString();
    }

    /**
     * Writes {@link #toCsv()} to a file, replacing it whole through {@link AtomicFile}: forced to
     * disk, never half-written.
     *
     * @param file the target file
     * @throws IOException if it cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        write(file, toCsv());
    }

    /**
     * Writes {@link #toJson()} to a file, replacing it whole through {@link AtomicFile}: forced to
     * disk, never half-written.
     *
     * @param file the target file
     * @throws IOException if it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        write(file, toJson());
    }

    @Override
    public String toString() {
        return "History(" + results.size() + " epochs" + (results.isEmpty() ? "" : ", last " + last().metrics())
                + (stopReason == null ? "" : ", stopped: " + stopReason) + ")";
    }

    private EpochResult last() {
        if (results.isEmpty()) {
            throw new IllegalStateException("no epoch recorded yet");
        }
        return results.get(results.size() - 1);
    }

    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.valueOf(value) : (Double.isNaN(value) ? "NaN" : value > 0 ? "Inf" : "-Inf");
    }

    private static String json(double value) {
        return Double.isFinite(value) ? String.valueOf(value) : "null";
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
