package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the server answers, and what it refuses, as a browser or a hostile page would ask. */
class ServerSecurityTest {

    private static Dashboard dashboard;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        dashboard = Dashboard.start(DashboardOptions.defaults().port(0).quiet());
        dashboard.newRecord("<script>alert(1)</script> \"quoted\"");
    }

    @AfterAll
    static void stop() {
        dashboard.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(dashboard.address().resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bindsTheLoopbackAddressByDefault() {
        assertEquals("127.0.0.1", dashboard.address().getHost());
        assertEquals(DashboardOptions.LOOPBACK, DashboardOptions.defaults().host());
    }

    @Test
    void servesThePageItsFilesAndTheChartLibrarysLicenseWithStrictHeaders() throws Exception {
        HttpResponse<String> page = send("GET", "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/uPlot.min.js\">"));
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(send("GET", "/uPlot.min.js").body().contains("uPlot"));
        assertTrue(send("GET", "/licenses/uPlot-LICENSE.txt").body().contains("MIT License"));
    }

    @Test
    void anythingButGetIsRefusedSoNothingThePageSendsCanChangeTraining() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/", "/api/runs", "/events", "/api/runs/1.json")) {
                HttpResponse<String> answer = send(method, path);
                assertEquals(405, answer.statusCode(), method + " " + path);
                assertEquals("GET, HEAD", answer.headers().firstValue("Allow").orElseThrow());
            }
        }
    }

    @Test
    void onlyItsOwnPathsAreServedNeverAFile() throws Exception {
        for (String path : List.of("/pom.xml", "/../pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../etc/passwd",
                "/META-INF/MANIFEST.MF", "/io/github/nn4j/dashboard/app.js", "/api/runs/../../etc/passwd",
                "/api/runs/99.json", "/api/runs/-1.json", "/file:/etc/passwd")) {
            assertEquals(404, send("GET", path).statusCode(), path);
        }
    }

    @Test
    void namesAreEscapedInTheJson() throws Exception {
        String runs = send("GET", "/api/runs").body();
        assertTrue(runs.contains("\"name\":\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\\"quoted\\\"\""), runs);
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedAgainstDnsRebinding() throws IOException {
        int port = dashboard.address().getPort();
        assertEquals(403, status("evil.example:" + port, port));
        assertEquals(403, status("127.0.0.1.nip.io:" + port, port));
        assertEquals(200, status("localhost:" + port, port));
        assertEquals(200, status("127.0.0.1:" + port, port));
    }

    /** The status of a GET of / sent with this Host header (HttpClient does not let a caller set it). */
    private static int status(String host, int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void theEventStreamSendsTheRunsAsServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(dashboard.address().resolve("/events")).GET().build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes(60);
            String text = new String(first, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("data: {\"ids\":["), text);
        }
    }

    @Test
    void aTakenPortOtherThanTheDefaultIsAClearError() {
        int port = dashboard.address().getPort();
        Exception error = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> Dashboard.start(DashboardOptions.defaults().port(port).quiet()));
        assertTrue(error.getMessage().contains("dashboard port " + port + " on 127.0.0.1 is taken"), error.getMessage());
        assertEquals(URI.create("http://127.0.0.1:" + port + "/"), dashboard.address());
    }
}
