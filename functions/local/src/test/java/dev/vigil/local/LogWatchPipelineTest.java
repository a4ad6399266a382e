package dev.vigil.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.agent.Agent;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.logs.LogPresets;
import dev.vigil.agent.logs.LogWatch;
import dev.vigil.agent.spool.SpoolSettings;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole log watch path: a MySQL error line appended to a file the in-process agent follows, through
 * ingest (counter and line), the local app's evaluation (LogPatternMatched with the line in its text) and
 * notify, to an email received by a real SMTP server with the line in it, escaped.
 */
class LogWatchPipelineTest {

    static final String LINE = "2026-11-29T03:10:00 0 [ERROR] mysqld: Disk is full writing './binlog.000042' <script>x</script>";

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDiskFullLineInTheMysqlErrorLogArrivesByEmail() throws Exception {
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path log = data.resolve("error.log");
        Files.writeString(log, "2026-11-29T03:00:00 0 [ERROR] an old error the agent must not report\n");
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
                Map.entry("javamail.properties.mail.smtp.host", "127.0.0.1"),
                Map.entry("javamail.properties.mail.smtp.port", Integer.toString(smtpPort)),
                Map.entry("datasources.default.url", "jdbc:h2:file:" + data.resolve("vigil")
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE")),
                "local")) {
            URI base = URI.create("http://127.0.0.1:" + server.getPort());
            String admin = Files.readString(data.resolve("admin-token")).trim();
            HostRegistry hosts = server.getApplicationContext().getBean(HostRegistry.class);
            String token = hosts.register("db-01").orElseThrow().token();
            int hostId = hosts.findActive("db-01").orElseThrow().id();

            AgentConfig config = AgentConfig.builder(base, "db-01", token)
                    .interval(Duration.ofSeconds(1))
                    .spool(new SpoolSettings(data.resolve("spool"), SpoolSettings.DEFAULT_MAX_BYTES))
                    .log(new LogWatch("mysql-error", log.toString(), LogPresets.MYSQL, List.of(), List.of()))
                    .build();
            try (Agent agent = Agent.start(config)) {
                LatestValueQuery latest = server.getApplicationContext().getBean(LatestValueQuery.class);
                for (int i = 0; i < 100 && latest.forHost(hostId).stream().noneMatch(v -> v.metric().equals("log_matches_total")); i++) {
                    Thread.sleep(100);
                }
                assertTrue(latest.forHost(hostId).stream().anyMatch(v -> v.metric().equals("log_matches_total")
                        && v.value() == 0), "the counters start at 0: the old line is not counted");
                Thread.sleep(1_500); // a second zero sample, so the rise is inside the rule's window
                Files.writeString(log, LINE + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

                String alerts = "";
                for (int i = 0; i < 150 && !alerts.contains("\"rule\":\"LogPatternMatched\""); i++) {
                    Thread.sleep(200);
                    alerts = send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts?host=db-01&state=firing"))
                            .header("Authorization", "Bearer " + admin)).body();
                }
                assertTrue(alerts.contains("\"rule\":\"LogPatternMatched\""), alerts);
                assertTrue(alerts.contains("Disk is full writing './binlog.000042'"), "the line is in the summary: " + alerts);
                assertTrue(!alerts.contains("an old error"), alerts);

                MimeMessage mail = null;
                for (int i = 0; i < 150 && mail == null; i++) {
                    for (MimeMessage m : smtp.getReceivedMessages()) {
                        if (m.getSubject().contains("LogPatternMatched")) {
                            mail = m;
                        }
                    }
                    Thread.sleep(200);
                }
                assertTrue(mail != null, "an email for LogPatternMatched");
                assertTrue(mail.getSubject().startsWith("[CRITICAL] db-01: LogPatternMatched"), mail.getSubject());
                String body = GreenMailUtil.getBody(mail);
                String decoded = new String(jakarta.mail.internet.MimeUtility.decode(
                        new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), "quoted-printable").readAllBytes(),
                        StandardCharsets.UTF_8);
                assertTrue(decoded.contains("Disk is full writing './binlog.000042'") || decoded.contains("Disk is full writing &#39;./binlog.000042&#39;"),
                        decoded);
                assertTrue(decoded.contains("&lt;script&gt;x&lt;/script&gt;"), "escaped in the HTML part: " + decoded);
                assertTrue(!decoded.contains("<script>x</script>") || decoded.contains("Content-Type: text/plain"),
                        "never raw in HTML");
            }
        } finally {
            smtp.stop();
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
