package dev.vigil.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's prometheus-alertmanager on a loopback port, with {@code amtool} to read it the way an
 * operator does. Stopping and starting again keeps the port, so a receiver configured with its URL
 * sees it go down and come back.
 */
final class AlertmanagerPeer implements AutoCloseable {

    static final String BINARY = "/usr/bin/prometheus-alertmanager";
    static final String AMTOOL = "/usr/bin/amtool";

    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;

    AlertmanagerPeer(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("alertmanager.yml"), "route:\n  receiver: none\nreceivers:\n  - name: none\n");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws Exception {
        process = new ProcessBuilder(BINARY, "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Alertmanager did not start: " + Files.readString(dir.resolve("log")));
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** {@code amtool alert query -o json <matchers>}: the active alerts an operator would see. */
    String query(String... matchers) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(AMTOOL, "--alertmanager.url=" + url(), "alert", "query", "-o", "json"));
        command.addAll(List.of(matchers));
        Process amtool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(amtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!amtool.waitFor(10, TimeUnit.SECONDS) || amtool.exitValue() != 0) {
            throw new IllegalStateException("amtool failed: " + out);
        }
        return out.trim();
    }

    /** API v2's view, with the fields amtool's table leaves out (updatedAt, endsAt, generatorURL). */
    String alerts(String filter) throws Exception {
        String q = java.net.URLEncoder.encode(filter, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts?filter=" + q)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
