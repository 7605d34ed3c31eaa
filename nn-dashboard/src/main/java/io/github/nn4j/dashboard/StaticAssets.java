package io.github.nn4j.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The page's files, read once from the class path: the page, its script and style, and uPlot
 * with its license, from the uPlot WebJar. The server answers only these paths; nothing is ever
 * read from the file system.
 */
final class StaticAssets {

    /** A file's bytes and content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private static final String OWN = "io/github/nn4j/dashboard/";

    private final Map<String, Asset> byPath;

    private StaticAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    /** Loads every file, failing at once when one is missing from the class path. */
    static StaticAssets load() {
        Properties places = new Properties();
        try (InputStream in = resource(OWN + "assets.properties")) {
            places.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String uplot = places.getProperty("uplot.base");
        String html = "text/html; charset=utf-8";
        String js = "text/javascript; charset=utf-8";
        String css = "text/css; charset=utf-8";
        String text = "text/plain; charset=utf-8";
        return new StaticAssets(Map.of(
                "/", asset(OWN + "index.html", html),
                "/app.js", asset(OWN + "app.js", js),
                "/app.css", asset(OWN + "app.css", css),
                "/uPlot.min.js", asset(uplot + "dist/uPlot.iife.min.js", js),
                "/uPlot.min.css", asset(uplot + "dist/uPlot.min.css", css),
                "/licenses/uPlot-LICENSE.txt", asset(uplot + "LICENSE", text)));
    }

    /** The file served at {@code path}, or {@code null}. */
    Asset get(String path) {
        return byPath.get(path);
    }

    private static Asset asset(String name, String contentType) {
        try (InputStream in = resource(name)) {
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dashboard's " + name, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the dashboard's " + name + " is not on the class path");
        }
        return in;
    }
}
