package dev.vigil.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vigil feeding an existing Alertmanager (Debian's prometheus-alertmanager, read with amtool): the local
 * app's own evaluate and notify schedules, the Alertmanager receiver from {@code VIGIL_NOTIFY_ALERTMANAGER_URLS}
 * with a 2 s keep-alive. A full disk shows in {@code amtool alert query} with its labels and annotations,
 * is pushed again while it fires (acknowledged or not), an alert that fires while Alertmanager is down
 * arrives once it is back, and a resolution in Vigil resolves it in Alertmanager.
 */
class AlertmanagerPipelineTest {

    @TempDir
    Path data;
    @TempDir
    Path amDir;

    final HttpClient http = HttpClient.newHttpClient();
    URI base;
    String admin;

    @Test
    void alertsReachAlertmanagerStayWhileFiringSurviveItsOutageAndResolve() throws Exception {
        try (AlertmanagerPeer am = new AlertmanagerPeer(amDir);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.ofEntries(
                     Map.entry("micronaut.server.port", "-1"),
                     Map.entry("vigil.local.data-dir", data.toString()),
                     Map.entry("vigil.local.agent-enabled", "false"),
                     Map.entry("vigil.local.host-name", "laptop-01"),
                     Map.entry("vigil.evaluate.interval", "1s"),
                     Map.entry("vigil.evaluate.initial-delay", "1s"),
                     Map.entry("vigil.notify.schedule.interval", "1s"),
                     Map.entry("vigil.notify.group-wait", "0s"),
                     Map.entry("vigil.notify.critical-group-wait", "0s"),
                     Map.entry("vigil.notify.event-settle", "0s"),
                     Map.entry("vigil.notify.initial-backoff", "1s"),
                     Map.entry("vigil.notify.max-backoff", "2s"),
                     Map.entry("vigil.notify.alertmanager.urls", am.url()),
                     Map.entry("vigil.notify.alertmanager.resend-interval", "2s"),
                     Map.entry("vigil.notify.webhook.external-url", "https://vigil.example"),
                     Map.entry("datasources.default.url", "jdbc:h2:file:" + data.resolve("vigil")
                             + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE")),
                     "local")) {
            base = URI.create("http://127.0.0.1:" + server.getPort());
            admin = Files.readString(data.resolve("admin-token")).trim();
            am.start();

            String db1 = register("db-01");
            disk(db1, "db-01", 93.1);
            waitFor("db-01 listed by amtool", () -> listed(am, "db-01"), Duration.ofSeconds(60));
            String listed = am.query("alertname=DiskSpaceLow", "host=db-01");
            assertTrue(listed.contains("\"severity\":\"critical\"") && listed.contains("\"mount\":\"/var/lib/mysql\"")
                    && listed.contains("\"summary\":\"db-01: disk /var/lib/mysql is 93.1% full"), listed);
            String apiView = am.alerts("host=\"db-01\"");
            assertTrue(apiView.contains("\"generatorURL\":\"https://vigil.example/#/alert/"), "the console's alert page: " + apiView);

            String updated = field(am.alerts("host=\"db-01\""), "updatedAt");
            waitFor("a keep-alive push", () -> !field(quiet(() -> am.alerts("host=\"db-01\"")), "updatedAt").equals(updated),
                    Duration.ofSeconds(20));
            Instant endsAt = Instant.parse(field(am.alerts("host=\"db-01\""), "endsAt"));
            assertTrue(endsAt.isAfter(Instant.now()), "a firing alert's end stays ahead of now: " + endsAt);

            am.stop();
            String db2 = register("db-02");
            disk(db2, "db-02", 95.0);
            waitFor("db-02 firing in Vigil", () -> quiet(() -> get("/api/v1/alerts?host=db-02")).contains("\"state\":\"firing\""),
                    Duration.ofSeconds(60));
            Thread.sleep(4_000); // the outbox tries Alertmanager and fails meanwhile
            am.start();
            waitFor("both alerts back in a restarted Alertmanager", () -> listed(am, "db-01") && listed(am, "db-02"),
                    Duration.ofSeconds(60));

            long id = alertId(get("/api/v1/alerts?host=db-01"));
            HttpResponse<String> ack = send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts/" + id + "/ack"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"oncall\", \"comment\": \"looking\"}")));
            assertEquals(200, ack.statusCode(), ack.body());
            Thread.sleep(12_000); // past four keep-alive intervals: only pushes keep it there
            assertTrue(listed(am, "db-01"), "an acknowledged alert still fires: Alertmanager keeps it");

            disk(db1, "db-01", 40.0);
            waitFor("db-01 resolved in Alertmanager", () -> !listed(am, "db-01"), Duration.ofSeconds(60));
            assertTrue(get("/api/v1/alerts?host=db-01&state=resolved").contains("\"state\":\"resolved\""));
            assertTrue(listed(am, "db-02"), "the other alert still fires");
            assertFalse(am.query("host=db-01").contains("DiskSpaceLow"));
        }
    }

    private boolean listed(AlertmanagerPeer am, String host) {
        return quiet(() -> am.query("alertname=DiskSpaceLow", "host=" + host)).contains("\"host\":\"" + host + "\"");
    }

    private String register(String host) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/api/v1/hosts"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + host + "\"}")));
        assertEquals(201, created.statusCode(), created.body());
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
        assertTrue(token.find());
        return token.group(1);
    }

    private void disk(String token, String host, double percent) throws Exception {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(base.resolve("/api/v1/samples"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"host\": \"" + host + "\", \"samples\": [{\"metric\": \"disk_used_percent\","
                        + " \"labels\": {\"mount\": \"/var/lib/mysql\", \"fstype\": \"ext4\"}, \"value\": " + percent + "}]}")));
        assertEquals(202, accepted.statusCode(), accepted.body());
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + admin)).body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long alertId(String alerts) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(alerts);
        assertTrue(m.find(), alerts);
        return Long.parseLong(m.group(1));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    interface Call {
        String get() throws Exception;
    }

    private static String quiet(Call call) {
        try {
            return call.get();
        } catch (Exception e) {
            return "";
        }
    }

    private static void waitFor(String what, BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
