package io.github.nn4j.dashboard;

import com.google.gson.stream.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One open page's server-sent events: every {@value #PERIOD_MILLIS} ms, what changed in each run
 * since the page's last update, as one {@code data:} line of JSON
 * {@code {"ids": [1, 2], "runs": [<changed runs, RunJson with a cursor>]}}; {@code ids} lists the
 * runs there are, so the page drops the ones the dashboard let go. A comment line every
 * {@value #KEEP_ALIVE_MILLIS} ms when nothing changed notices a closed page. Ends when the page
 * goes or the dashboard closes.
 */
final class EventStream {

    static final long PERIOD_MILLIS = 250;
    static final long KEEP_ALIVE_MILLIS = 10_000;

    private final Dashboard dashboard;
    private final HttpExchange exchange;
    private final Map<Integer, RunJson.Cursor> cursors = new HashMap<>();

    EventStream(Dashboard dashboard, HttpExchange exchange) {
        this.dashboard = dashboard;
        this.exchange = exchange;
    }

    void run() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long quietSince = System.currentTimeMillis();
        String lastIds = "";
        try {
            while (!dashboard.isClosed()) {
                List<RunRecord> runs = dashboard.records();
                String ids = runs.stream().map(run -> String.valueOf(run.id())).toList().toString();
                String update = update(runs, !ids.equals(lastIds));
                lastIds = ids;
                long now = System.currentTimeMillis();
                if (update != null) {
                    out.write(("data: " + update + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    quietSince = now;
                } else if (now - quietSince > KEEP_ALIVE_MILLIS) {
                    out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    quietSince = now;
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closedPage) {
            // the page went away: nothing to do
        }
    }

    /** The JSON of what changed, or {@code null} when nothing did. */
    private String update(List<RunRecord> runs, boolean idsChanged) throws IOException {
        cursors.keySet().retainAll(runs.stream().map(RunRecord::id).toList());
        StringWriter text = new StringWriter();
        JsonWriter json = RunJson.writer(text);
        json.beginObject().name("ids").beginArray();
        for (RunRecord run : runs) {
            json.value(run.id());
        }
        json.endArray().name("runs").beginArray();
        boolean any = idsChanged;
        for (RunRecord run : runs) {
            RunJson.Cursor cursor = cursors.computeIfAbsent(run.id(), id -> new RunJson.Cursor());
            if (cursor.changed(run)) {
                RunJson.write(json, run, cursor);
                any = true;
            }
        }
        json.endArray().endObject().flush();
        return any ? text.toString() : null;
    }
}
