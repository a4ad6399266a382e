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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README tour on the embedded default, with the schedules sped up: register a host, send a full
 * disk with curl-like requests, and the local app's own evaluate and notify schedules raise the
 * alert and write the email under data/outbox.
 */
class LocalPipelineTest {

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFullDiskSentOverHttpBecomesAFiringAlertAndAnEmailFile() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.ofEntries(
                Map.entry("micronaut.server.port", "-1"),
                Map.entry("vigil.local.data-dir", data.toString()),
                Map.entry("vigil.local.agent-enabled", "false"),
                Map.entry("vigil.local.host-name", "laptop-01"),
                Map.entry("vigil.evaluate.interval", "1s"),
                Map.entry("vigil.evaluate.initial-delay", "1s"),
                Map.entry("vigil.notify.schedule.interval", "1s"),
                Map.entry("vigil.notify.group-wait", "0s"),
                Map.entry("vigil.notify.event-settle", "0s"),
                Map.entry("datasources.default.url", "jdbc:h2:file:" + data.resolve("vigil")
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE")),
                "local")) {
            URI base = URI.create("http://127.0.0.1:" + server.getPort());
            String admin = Files.readString(data.resolve("admin-token")).trim();

            HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/api/v1/hosts"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"db-01\"}")));
            assertEquals(201, created.statusCode(), created.body());
            Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
            assertTrue(token.find());

            HttpResponse<String> accepted = send(HttpRequest.newBuilder(base.resolve("/api/v1/samples"))
                    .header("Authorization", "Bearer " + token.group(1)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"host": "db-01", "samples": [
                              {"metric": "disk_used_percent", "labels": {"mount": "/var/lib/mysql", "fstype": "ext4"}, "value": 93.1}]}""")));
            assertEquals(202, accepted.statusCode(), accepted.body());

            String alerts = "";
            for (int i = 0; i < 100 && !alerts.contains("\"state\":\"firing\""); i++) {
                Thread.sleep(200);
                alerts = send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts?host=db-01"))
                        .header("Authorization", "Bearer " + admin)).body();
            }
            assertTrue(alerts.contains("\"rule\":\"DiskSpaceLow\"") && alerts.contains("\"severity\":\"critical\""), alerts);

            Path outbox = data.resolve("outbox");
            List<Path> emails = List.of();
            for (int i = 0; i < 100 && emails.isEmpty(); i++) {
                Thread.sleep(200);
                if (Files.isDirectory(outbox)) {
                    try (Stream<Path> files = Files.list(outbox)) {
                        emails = files.filter(p -> p.toString().endsWith(".eml")).toList();
                    }
                }
            }
            assertEquals(1, emails.size(), "one email for the grouped alert");
            String eml = Files.readString(emails.get(0));
            assertTrue(eml.contains("Subject: [CRITICAL] db-01: DiskSpaceLow"), eml.lines().limit(20).toList().toString());
            assertTrue(eml.contains("ops@localhost"), "the local default recipient");
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
