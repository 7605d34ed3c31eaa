package io.github.nn4j.dashboard;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RunRecord} as the JSON the page and the saved-run files read:
 * <pre>
 * {"id": 1, "name": "…", "status": "training", "stopReason": null, "startedAt": 1733…,
 *  "info": {"summary": "…", "parameters": 99, "layers": [{"index": 0, "name": "dense0", …}],
 *           "settings": {"optimizer": "…", …}, "classes": ["0", "1"], "totalSteps": 120, "batchSize": 16},
 *  "progress": {"epoch": 3, "step": 45, …},
 *  "series": {"step/loss": {"generation": 0, "from": 0, "x": […], "y": […]}, …},
 *  "confusion": {"epoch": 3, "matrix": [[…]]}}
 * </pre>
 * Non-finite numbers are written as {@code null} (a gap in a curve). Text is JSON-escaped here and
 * put into the page as text only, never as HTML.
 *
 * <p>With a {@link Cursor}, only what the reader has not seen is written: {@code info} once, and
 * for each curve the points from {@code from} on (the whole curve, from 0, after it was thinned).
 */
final class RunJson {

    private RunJson() {
    }

    /** What one reader has been sent of one run. */
    static final class Cursor {
        private final Map<String, long[]> sent = new HashMap<>();
        private boolean infoSent;
        private long version = -1;

        /** Whether the run changed since this reader's last update. */
        boolean changed(RunRecord run) {
            return run.version() != version;
        }
    }

    /**
     * A compact JSON writer that also escapes {@code < > & = '} as {@code \u003c} and so on, so
     * that no text of a run can read as markup wherever the JSON ends up.
     */
    static JsonWriter writer(java.io.Writer out) {
        JsonWriter json = new JsonWriter(out);
        json.setHtmlSafe(true);
        return json;
    }

    /** Writes the whole run. */
    static void write(JsonWriter json, RunRecord run) throws IOException {
        write(json, run, null);
    }

    /**
     * Writes the run, or what {@code cursor}'s reader has not seen of it, and moves the cursor on.
     *
     * @param json   the writer
     * @param run    the run
     * @param cursor the reader's cursor, or {@code null} for everything
     */
    static void write(JsonWriter json, RunRecord run, Cursor cursor) throws IOException {
        synchronized (run) {
            json.beginObject();
            json.name("id").value(run.id());
            json.name("name").value(run.name());
            json.name("status").value(run.status());
            json.name("stopReason").value(run.stopReason());
            json.name("startedAt").value(run.startedAtMillis());
            if (cursor == null || !cursor.infoSent) {
                writeInfo(json, run.info());
                if (cursor != null) {
                    cursor.infoSent = !run.info().layers().isEmpty();
                }
            }
            writeProgress(json, run.progress());
            json.name("series").beginObject();
            for (Map.Entry<String, Series> entry : run.series().entrySet()) {
                writeSeries(json, entry.getKey(), entry.getValue(), cursor);
            }
            json.endObject();
            Confusion confusion = run.confusion();
            if (confusion != null) {
                json.name("confusion").beginObject();
                json.name("epoch").value(confusion.epoch());
                json.name("matrix").beginArray();
                for (long[] row : confusion.matrix()) {
                    json.beginArray();
                    for (long count : row) {
                        json.value(count);
                    }
                    json.endArray();
                }
                json.endArray();
                json.endObject();
            }
            json.endObject();
            if (cursor != null) {
                cursor.version = run.version();
            }
        }
    }

    private static void writeInfo(JsonWriter json, RunInfo info) throws IOException {
        json.name("info").beginObject();
        json.name("summary").value(info.summary());
        json.name("parameters").value(info.parameters());
        json.name("layers").beginArray();
        for (LayerInfo layer : info.layers()) {
            json.beginObject();
            json.name("index").value(layer.index());
            json.name("name").value(layer.name());
            json.name("type").value(layer.type());
            json.name("panel").value(layer.panel());
            json.name("activation").value(layer.activation());
            json.name("text").value(layer.text());
            json.endObject();
        }
        json.endArray();
        json.name("settings").beginObject();
        for (Map.Entry<String, String> setting : info.settings().entrySet()) {
            json.name(setting.getKey()).value(setting.getValue());
        }
        json.endObject();
        writeStrings(json.name("classes"), info.classes());
        json.name("totalSteps").value(info.totalSteps());
        json.name("batchSize").value(info.batchSize());
        json.endObject();
    }

    private static void writeProgress(JsonWriter json, Progress progress) throws IOException {
        json.name("progress").beginObject();
        json.name("epoch").value(progress.epoch());
        json.name("step").value(progress.step());
        number(json.name("elapsedSeconds"), progress.elapsedSeconds());
        number(json.name("etaSeconds"), progress.etaSeconds());
        number(json.name("samplesPerSecond"), progress.samplesPerSecond());
        number(json.name("overhead"), progress.overhead());
        json.name("sampleEvery").value(progress.sampleEvery());
        json.endObject();
    }

    private static void writeSeries(JsonWriter json, String key, Series series, Cursor cursor) throws IOException {
        int from = 0;
        if (cursor != null) {
            long[] seen = cursor.sent.get(key);
            if (seen != null && seen[0] == series.generation()) {
                from = (int) seen[1];
                if (from == series.size()) {
                    return;
                }
            }
            cursor.sent.put(key, new long[] {series.generation(), series.size()});
        }
        json.name(key).beginObject();
        json.name("generation").value(series.generation());
        json.name("from").value(from);
        json.name("x").beginArray();
        for (int i = from; i < series.size(); i++) {
            number(json, series.x(i));
        }
        json.endArray();
        json.name("y").beginArray();
        for (int i = from; i < series.size(); i++) {
            number(json, series.y(i));
        }
        json.endArray();
        json.endObject();
    }

    private static void writeStrings(JsonWriter json, List<String> values) throws IOException {
        json.beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }

    /** A number, or {@code null} when it is NaN or infinite. */
    static void number(JsonWriter json, double value) throws IOException {
        if (Double.isFinite(value)) {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                json.value((long) value);
            } else {
                json.value(value);
            }
        } else {
            json.nullValue();
        }
    }
}
