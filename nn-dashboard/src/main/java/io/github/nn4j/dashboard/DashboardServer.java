package io.github.nn4j.dashboard;

import com.google.gson.stream.JsonWriter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's HTTP server, the JDK's own ({@code com.sun.net.httpserver}). It answers GET (and
 * HEAD) for a fixed list of paths and nothing else:
 * <ul>
 *   <li>{@code /}, {@code /app.js}, {@code /app.css}, {@code /uPlot.min.js}, {@code /uPlot.min.css},
 *       {@code /licenses/uPlot-LICENSE.txt}: the page and its files ({@link StaticAssets});</li>
 *   <li>{@code /events}: server-sent events, what changed in every run, at most 4 times a second
 *       ({@link EventStream});</li>
 *   <li>{@code /api/runs}: every run as JSON; {@code /api/runs/<id>.json}: one run as a file to
 *       download, the format {@link Dashboard#replay} reads.</li>
 * </ul>
 * Other methods get 405, other paths 404. While bound to a loopback address it answers only
 * requests whose {@code Host} is a loopback name (403 otherwise), so a web site cannot reach it
 * through a DNS name rebound to 127.0.0.1. Every answer forbids framing, sniffing and scripts from
 * elsewhere (Content-Security-Policy). Its threads are daemons, at most {@value #THREADS}.
 */
final class DashboardServer {

    static final int THREADS = 12;
    static final int MAX_STREAMS = 8;
    private static final Pattern RUN_FILE = Pattern.compile("/api/runs/([0-9]{1,9})\\.json");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Dashboard dashboard;
    private final HttpServer server;
    private final StaticAssets assets = StaticAssets.load();
    private final boolean loopback;
    private final Set<String> loopbackHosts;
    private final AtomicInteger streams = new AtomicInteger();
    private final ThreadPoolExecutor executor;

    private DashboardServer(Dashboard dashboard, HttpServer server, boolean loopback) {
        this.dashboard = dashboard;
        this.server = server;
        this.loopback = loopback;
        int port = server.getAddress().getPort();
        this.loopbackHosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
                task -> {
                    Thread thread = new Thread(task, "nn4j-dashboard-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds and starts the server, its dispatcher thread a daemon. */
    static DashboardServer start(Dashboard dashboard, DashboardOptions options) {
        try {
            InetAddress host = InetAddress.getByName(options.host());
            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(host, options.port()), 32);
            } catch (BindException taken) {
                if (options.port() != DashboardOptions.DEFAULT_PORT) {
                    throw new UncheckedIOException("dashboard port " + options.port() + " on " + options.host()
                            + " is taken: choose another, or 0 for any free port", taken);
                }
                http = HttpServer.create(new InetSocketAddress(host, 0), 32);
            }
            DashboardServer server = new DashboardServer(dashboard, http, host.isLoopbackAddress());
            Thread starter = new Thread(http::start, "nn4j-dashboard-start");   // threads it starts inherit daemon
            starter.setDaemon(true);
            starter.start();
            starter.join();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the dashboard on " + options.host() + ":" + options.port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the dashboard", e);
        }
    }

    URI address() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cache-Control", "no-store");
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                plain(exchange, 405, "only GET is served here\n");
                return;
            }
            if (loopback && !loopbackHosts.contains(exchange.getRequestHeaders().getFirst("Host"))) {
                plain(exchange, 403, "this dashboard answers only http://127.0.0.1, localhost or [::1]\n");
                return;
            }
            route(exchange, method.equals("HEAD"));
        }
    }

    private void route(HttpExchange exchange, boolean head) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        StaticAssets.Asset asset = assets.get(path);
        if (asset != null) {
            send(exchange, 200, asset.contentType(), asset.bytes(), head);
        } else if (path.equals("/favicon.ico")) {
            exchange.sendResponseHeaders(204, -1);           // no icon, and no error in the browser's console
        } else if (path.equals("/events") && !head) {
            stream(exchange);
        } else if (path.equals("/api/runs")) {
            send(exchange, 200, "application/json", allRuns().getBytes(StandardCharsets.UTF_8), head);
        } else {
            Matcher match = RUN_FILE.matcher(path);
            RunRecord run = match.matches() ? find(Integer.parseInt(match.group(1))) : null;
            if (run == null) {
                plain(exchange, 404, "not found\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"run-" + run.id()
                    + ".run.json\"");
            send(exchange, 200, "application/json", RunFile.toJson(run).getBytes(StandardCharsets.UTF_8), head);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            plain(exchange, 503, "too many open pages\n");
            return;
        }
        try {
            new EventStream(dashboard, exchange).run();
        } finally {
            streams.decrementAndGet();
        }
    }

    private RunRecord find(int id) {
        return dashboard.records().stream().filter(run -> run.id() == id).findFirst().orElse(null);
    }

    private String allRuns() throws IOException {
        StringWriter text = new StringWriter();
        JsonWriter json = RunJson.writer(text);
        json.beginObject().name("runs").beginArray();
        for (RunRecord run : dashboard.records()) {
            RunJson.write(json, run);
        }
        json.endArray().endObject().flush();
        return text.toString();
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
