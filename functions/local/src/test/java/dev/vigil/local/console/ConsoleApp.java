package dev.vigil.local.console;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local all-in-one on a fresh MariaDB database, for the console's browser tests and bench: a known admin
 * token, no in-process agent (hosts and samples come through the real API), no housekeeping timer.
 */
public final class ConsoleApp implements AutoCloseable {

    public static final String ADMIN_TOKEN = "console-test-admin-token";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final EmbeddedServer server;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConsoleApp(EmbeddedServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** Starts the app; {@code extra} properties win over the defaults here. */
    public static ConsoleApp start(Map<String, Object> extra) {
        try {
            Path dataDir = Files.createTempDirectory("vigil-console-");
            Map<String, Object> props = new HashMap<>(TestDatabase.freshMysql());
            props.put("micronaut.server.port", "-1");
            props.put("vigil.admin-token", ADMIN_TOKEN);
            props.put("vigil.local.data-dir", dataDir.toString());
            props.put("vigil.local.agent-enabled", "false");
            props.put("vigil.local.housekeeping.enabled", "false");
            props.putAll(extra);
            return new ConsoleApp(ApplicationContext.run(EmbeddedServer.class, props, "local"), dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ConsoleApp start() {
        return start(Map.of());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/";
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Registers a host through the API; returns its token. */
    public String registerHost(String name, String labelsJson) {
        HttpResponse<String> r = send("POST", "api/v1/hosts", ADMIN_TOKEN,
                "{\"name\":" + quote(name) + (labelsJson == null ? "" : ",\"labels\":" + labelsJson) + "}");
        expect(201, r);
        return token(r.body());
    }

    /** Creates a named API token ({@code admin}, {@code viewer} or {@code writer}); returns its secret. */
    public String createToken(String name, String role) {
        HttpResponse<String> r = send("POST", "api/v1/tokens", ADMIN_TOKEN,
                "{\"name\":" + quote(name) + ",\"role\":" + quote(role) + "}");
        expect(201, r);
        return token(r.body());
    }

    /** Posts samples as the host: {@code samplesJson} is the JSON array of {metric, labels, value, ts}. */
    public void sendSamples(String hostToken, String host, String samplesJson) {
        expect(202, send("POST", "api/v1/samples", hostToken, "{\"host\":" + quote(host) + ",\"samples\":" + samplesJson + "}"));
    }

    public HttpResponse<String> send(String method, String path, String bearer, String json) {
        return send(method, path, json, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
    }

    public HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String token(String body) {
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return m.group(1);
    }

    private static void expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    @Override
    public void close() {
        server.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
