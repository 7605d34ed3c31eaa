package io.github.nn4j.dashboard;

import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run saved for {@link Dashboard#replay}: the JSON of {@link RunJson} with
 * {@code "format": "nn4j-dashboard-run", "version": 1} first. Written whole or not at all (a
 * temporary file in the same folder, then a rename). Read as a stream with limits, so a file that
 * is not a saved run, or a hostile one, gets a clear error and never costs memory out of
 * proportion to its size.
 */
final class RunFile {

    static final String FORMAT = "nn4j-dashboard-run";
    static final int VERSION = 1;
    static final long MAX_BYTES = 256L << 20;
    private static final int MAX_TEXT = 1 << 20;
    private static final int MAX_ITEMS = 100_000;
    private static final Pattern KEY = Pattern.compile("(step|epoch|layer|activation)(/[a-z0-9_]{1,40}){1,2}");

    private RunFile() {
    }

    /** The run as the text of a saved-run file. */
    static String toJson(RunRecord run) throws IOException {
        StringWriter text = new StringWriter();
        JsonWriter json = RunJson.writer(text);
        json.beginObject().name("format").value(FORMAT).name("version").value(VERSION).name("run");
        RunJson.write(json, run);
        json.endObject().flush();
        return text.toString();
    }

    static void write(Path file, RunRecord run) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, toJson(run), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a saved run onto {@code dashboard}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static void read(Path file, Dashboard dashboard) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is " + size + " bytes, more than a saved dashboard run can be ("
                    + MAX_BYTES + ")");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.STRICT);
            json.beginObject();
            boolean known = false;
            Runnable add = null;
            while (json.hasNext()) {
                String name = json.nextName();
                if (name.equals("format")) {
                    known = FORMAT.equals(json.nextString());
                } else if (name.equals("version")) {
                    int version = json.nextInt();
                    if (version != VERSION) {
                        throw new IllegalArgumentException("saved run format version " + version + ", this dashboard "
                                + "reads version " + VERSION);
                    }
                } else if (name.equals("run") && known && add == null) {
                    add = readRun(json, dashboard);
                } else {
                    json.skipValue();
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT || add == null) {
                throw new IllegalArgumentException("no \"format\": \"" + FORMAT + "\" with one run in it");
            }
            add.run();   // only a file read whole and found right adds a run
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a saved dashboard run: " + e.getMessage(), e);
        } catch (EOFException | MalformedJsonException | IllegalStateException | JsonParseException e) {
            throw new IllegalArgumentException(file + " is not a saved dashboard run: " + e.getMessage(), e);
        }
    }

    /** Reads a run; returns what adds it to the dashboard. */
    private static Runnable readRun(JsonReader json, Dashboard dashboard) throws IOException {
        String name = "replay";
        String reason = null;
        long startedAt = 0;
        RunInfo info = RunInfo.empty();
        Progress progress = Progress.none();
        Map<String, Series> series = new LinkedHashMap<>();
        Confusion confusion = null;
        int capacity = dashboard.options().maxPoints();
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "name" -> name = text(json);
                case "stopReason" -> reason = json.peek() == JsonToken.NULL ? nullValue(json) : text(json);
                case "startedAt" -> startedAt = json.nextLong();
                case "info" -> info = RunFileParts.info(json);
                case "progress" -> progress = RunFileParts.progress(json);
                case "series" -> readSeries(json, series, capacity);
                case "confusion" -> confusion = RunFileParts.confusion(json);
                default -> json.skipValue();
            }
        }
        json.endObject();
        if (confusion != null && confusion.matrix().length != info.classes().size()) {
            throw new IllegalArgumentException("the confusion matrix has " + confusion.matrix().length
                    + " rows for " + info.classes().size() + " classes");
        }
        String runName = name;
        String stopReason = reason;
        long started = startedAt;
        RunInfo runInfo = info;
        Progress last = progress;
        Confusion matrix = confusion;
        return () -> {
            RunRecord record = dashboard.newRecord(runName);
            series.forEach(record::restore);
            if (matrix != null) {
                record.confusion(matrix);
            }
            record.replayed(runInfo, last, stopReason, started);
        };
    }

    private static void readSeries(JsonReader json, Map<String, Series> series, int capacity) throws IOException {
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            if (!KEY.matcher(key).matches() || series.size() >= MAX_ITEMS) {
                throw new IllegalArgumentException("unexpected curve name \"" + key.substring(0, Math.min(key.length(),
                        60)) + "\" (or too many curves)");
            }
            int generation = 0;
            double[] xs = new double[0];
            double[] ys = new double[0];
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "generation" -> generation = json.nextInt();
                    case "x" -> xs = numbers(json, capacity, key);
                    case "y" -> ys = numbers(json, capacity, key);
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (generation < 0 || generation > 62) {
                throw new IllegalArgumentException("curve " + key + " has generation " + generation);
            }
            series.put(key, Series.of(capacity, xs, ys, generation));
        }
        json.endObject();
    }

    /** An array of numbers or nulls (NaN), at most {@code capacity}. */
    static double[] numbers(JsonReader json, int capacity, String what) throws IOException {
        List<Double> values = new ArrayList<>();
        json.beginArray();
        while (json.hasNext()) {
            if (values.size() >= capacity) {
                throw new IllegalArgumentException(what + " has more than " + capacity + " points, the most this "
                        + "dashboard keeps (DashboardOptions.maxPoints)");
            }
            values.add(json.peek() == JsonToken.NULL ? nullNumber(json) : json.nextDouble());
        }
        json.endArray();
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A string of at most a million characters. */
    static String text(JsonReader json) throws IOException {
        String value = json.nextString();
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a text of " + value.length() + " characters, more than " + MAX_TEXT);
        }
        return value;
    }

    static int limit(int count) {
        if (count >= MAX_ITEMS) {
            throw new IllegalArgumentException("more than " + MAX_ITEMS + " entries in a list");
        }
        return count;
    }

    private static String nullValue(JsonReader json) throws IOException {
        json.nextNull();
        return null;
    }

    private static double nullNumber(JsonReader json) throws IOException {
        json.nextNull();
        return Double.NaN;
    }
}
