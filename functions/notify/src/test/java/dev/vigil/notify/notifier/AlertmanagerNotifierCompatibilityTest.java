package dev.vigil.notify.notifier;

import dev.vigil.notify.alertmanager.AlertmanagerNotifier;
import dev.vigil.notify.http.JsonPoster;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alertmanager_configs receiver against a real Prometheus Alertmanager (Debian's
 * prometheus-alertmanager, started here on a free loopback port): alerts pushed through API v2
 * appear there, and the resolution ends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerNotifierCompatibilityTest extends NotifierCompatibilityTest {

    static final String BINARY = "/usr/bin/prometheus-alertmanager";
    static final JsonPoster POSTER = new JsonPoster(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), Duration.ofSeconds(3));
    final HttpClient http = HttpClient.newHttpClient();
    Process alertmanager;
    int port;

    @BeforeAll
    void startAlertmanager() throws Exception {
        Path dir = Files.createTempDirectory("alertmanager");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: none\nreceivers:\n  - name: none\n");
        port = deadPort();
        alertmanager = new ProcessBuilder(BINARY, "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Alertmanager did not start: " + Files.readString(dir.resolve("log")));
    }

    @AfterAll
    void stopAlertmanager() {
        alertmanager.destroy();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Notifier at(int p) {
        return new AlertmanagerNotifier(URI.create("http://127.0.0.1:" + p), () -> "https://vigil.example", POSTER, ObjectMapper.getDefault(),
                Clock.systemUTC(), Duration.ofMinutes(1));
    }

    @Override
    protected Notifier live() {
        return at(port);
    }

    @Override
    protected Notifier down() {
        return at(deadPort());
    }

    @Override
    protected List<String> secrets() {
        return List.of();
    }

    @Override
    protected int delivered() {
        try {
            String body = get("/api/v2/alerts?filter=alertname%3D%22DiskSpaceLow%22").body();
            return body.split("\"fingerprint\"").length - 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theResolutionEndsTheAlertInAlertmanager() throws Exception {
        Notification firing = sample();
        assertTrue(live().deliver(firing).delivered());
        String active = get("/api/v2/alerts?filter=alertname%3D%22DiskSpaceLow%22").body();
        assertTrue(active.contains("\"state\":\"active\"") && active.contains("\"summary\":\"disk almost full\"")
                && active.contains("\"generatorURL\":\"https://vigil.example/#/alert/1\""), active);

        AlertSnapshot a = firing.alerts().get(0);
        long end = System.currentTimeMillis() - 1_000;
        AlertSnapshot resolved = new AlertSnapshot(a.id(), a.fingerprint(), a.rule(), a.host(), a.labels(), a.hostLabels(), a.severity(),
                "resolved", 70.0, a.threshold(), "70%", a.thresholdText(), a.summary(), a.runbook(), a.runbookUrl(), "recovered",
                "back to 70% (threshold 90%)", a.startsAt(), a.firingAt(), end, null, null);
        assertTrue(live().deliver(new Notification("am", NotificationKind.RESOLVED, "db-01", end, List.of(resolved))).delivered());
        assertEquals(0, delivered(), "resolved alerts leave Alertmanager's list of active alerts");
    }
}
