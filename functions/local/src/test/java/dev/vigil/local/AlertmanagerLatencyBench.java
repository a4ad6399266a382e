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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test (no *Test name): run by infra/bench/alertmanager-latency.sh. The local app on its defaults
 * (embedded H2, evaluate every 15 s, notify every 10 s and on each evaluation's events; the Alertmanager
 * route of the default tree has no group wait) feeding a real Alertmanager through {@code vigil.notify.alertmanager.urls}. Each trial
 * registers a host, posts one disk sample above DiskSpaceLow's critical level at a random offset of the
 * evaluation schedule, and polls Alertmanager's API every 50 ms until it lists the alert. Prints the time
 * from the alert's firing (Vigil's firingAt) and from the sample to Alertmanager listing it.
 */
class AlertmanagerLatencyBench {

    static final int TRIALS = Integer.getInteger("bench.trials", 8);

    @TempDir
    Path data;
    @TempDir
    Path amDir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measure() throws Exception {
        try (AlertmanagerPeer am = new AlertmanagerPeer(amDir);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "micronaut.server.port", "-1",
                     "vigil.local.data-dir", data.toString(),
                     "vigil.local.agent-enabled", "false",
                     "vigil.notify.alertmanager.urls", am.url(),
                     "datasources.default.url", "jdbc:h2:file:" + data.resolve("vigil")
                             + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE"),
                     "local")) {
            am.start();
            URI base = URI.create("http://127.0.0.1:" + server.getPort());
            String admin = Files.readString(data.resolve("admin-token")).trim();
            Random random = new Random(42);
            List<Long> fromFiring = new ArrayList<>();
            List<Long> fromSample = new ArrayList<>();
            for (int t = 0; t < TRIALS; t++) {
                Thread.sleep(random.nextInt(15_000));
                String host = "bench-" + t;
                String created = send(HttpRequest.newBuilder(base.resolve("/api/v1/hosts")).header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + host + "\"}")));
                Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created);
                if (!token.find()) {
                    throw new IllegalStateException(created);
                }
                long sampleAt = System.currentTimeMillis();
                send(HttpRequest.newBuilder(base.resolve("/api/v1/samples")).header("Authorization", "Bearer " + token.group(1))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"host\": \"" + host
                                + "\", \"samples\": [{\"metric\": \"disk_used_percent\", \"labels\": {\"mount\": \"/\", \"fstype\": \"ext4\"},"
                                + " \"value\": 97.0}]}")));
                long listedAt = 0;
                while (listedAt == 0) {
                    Thread.sleep(50);
                    if (am.alerts("host=\"" + host + "\"").contains("\"host\":\"" + host + "\"")) {
                        listedAt = System.currentTimeMillis();
                    }
                    if (listedAt == 0 && System.currentTimeMillis() - sampleAt > 120_000) {
                        throw new IllegalStateException("not listed after 2 minutes: " + host);
                    }
                }
                String alerts = send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts?host=" + host)).header("Authorization", "Bearer " + admin));
                Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(alerts);
                if (!id.find()) {
                    throw new IllegalStateException(alerts);
                }
                String detail = send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts/" + id.group(1))).header("Authorization", "Bearer " + admin));
                Matcher firing = Pattern.compile("\"firingAt\":(\\d+)").matcher(detail);
                if (!firing.find()) {
                    throw new IllegalStateException(detail);
                }
                fromFiring.add(listedAt - Long.parseLong(firing.group(1)));
                fromSample.add(listedAt - sampleAt);
                System.out.printf("BENCH trial %d: firing->listed %d ms, sample->listed %d ms%n", t, fromFiring.get(t), fromSample.get(t));
            }
            System.out.println("BENCH alert firing -> listed by Alertmanager: " + summary(fromFiring));
            System.out.println("BENCH sample posted -> listed by Alertmanager: " + summary(fromSample));
        }
    }

    private static String summary(List<Long> ms) {
        List<Long> s = ms.stream().sorted().toList();
        return String.format("min %.1f s, median %.1f s, max %.1f s (%d trials; local defaults: evaluate 15 s, notify 10 s and on each evaluation's events, no group wait on the Alertmanager route)",
                s.get(0) / 1000.0, s.get(s.size() / 2) / 1000.0, s.get(s.size() - 1) / 1000.0, s.size());
    }

    private String send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
