package dev.vigil.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test (no *Test name): run by infra/bench/notify-latency.sh. The local app on its defaults
 * (embedded H2, evaluate every 15 s, notify every 10 s, default routing tree) with a real SMTP server
 * in the JVM: each trial registers a host, posts one disk_used_percent sample above the critical
 * threshold over HTTP, and measures until the SMTP server accepted the email naming that host.
 * Trials start at random offsets so every phase of the evaluation schedule is sampled.
 */
class SampleToEmailLatencyBench {

    static final int TRIALS = Integer.getInteger("bench.trials", 10);

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measure() throws Exception {
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", "-1");
        p.put("vigil.local.data-dir", data.toString());
        p.put("vigil.local.agent-enabled", "false");
        p.put("vigil.local.host-name", "bench-local");
        p.put("datasources.default.url", "jdbc:h2:file:" + data.resolve("vigil")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE");
        p.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        p.put("javamail.properties.mail.smtp.port", String.valueOf(smtpPort));
        Random random = new Random(42);
        List<Long> latencies = new ArrayList<>();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p, "local")) {
            URI base = URI.create("http://127.0.0.1:" + server.getPort());
            String admin = Files.readString(data.resolve("admin-token")).trim();
            for (int trial = 0; trial < TRIALS; trial++) {
                Thread.sleep(random.nextInt(15_000));
                String host = "lat-" + trial;
                HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/api/v1/hosts"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + host + "\"}")));
                Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
                if (!token.find()) {
                    throw new IllegalStateException(created.body());
                }
                long posted = System.currentTimeMillis();
                HttpResponse<String> accepted = send(HttpRequest.newBuilder(base.resolve("/api/v1/samples"))
                        .header("Authorization", "Bearer " + token.group(1)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"host\": \"" + host + "\", \"samples\": [{\"metric\": "
                                + "\"disk_used_percent\", \"labels\": {\"mount\": \"/\", \"fstype\": \"ext4\"}, \"value\": 95.5}]}")));
                if (accepted.statusCode() != 202) {
                    throw new IllegalStateException(accepted.body());
                }
                long deadline = posted + 120_000;
                Long at = null;
                while (at == null && System.currentTimeMillis() < deadline) {
                    for (MimeMessage m : smtp.getReceivedMessages()) {
                        if (m.getSubject().contains(host + ":") && m.getSubject().contains("DiskSpaceLow")) {
                            at = System.currentTimeMillis();
                        }
                    }
                    Thread.sleep(5);
                }
                latencies.add(at == null ? -1 : at - posted);
                System.out.printf("BENCH trial %d host %s: %.1fs%n", trial, host, (at == null ? -1 : at - posted) / 1000.0);
            }
        } finally {
            smtp.stop();
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        int p95 = (int) Math.ceil(0.95 * sorted.size()) - 1;
        System.out.printf("BENCH sample-to-SMTP latency, critical DiskSpaceLow, local defaults: n=%d min %.1fs median %.1fs p95 %.1fs max %.1fs%n",
                sorted.size(), sorted.get(0) / 1000.0, sorted.get(sorted.size() / 2) / 1000.0, sorted.get(p95) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
