package dev.vigil.ingest.error;

import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP at the edges, over a raw socket against the real Netty server: request lines and headers
 * too long, unknown HTTP versions, ambiguous framing, unknown content encodings, invalid UTF-8 in
 * the text formats, and JSON errors in the user's terms (never a parser's internals).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolEdgesTest implements AdminApiTestProperties {

    static final String ADMIN = "edges-admin-token-0123456789";
    /** Names of parser internals that must never reach a client. */
    static final Pattern INTERNALS = Pattern.compile(
            "StreamReadConstraints|getMax|com\\.fasterxml|(?i:jackson)|`|\\(code \\d+\\)|Source: |REDACTED|io\\.micronaut|java\\.");

    @Inject
    EmbeddedServer server;

    ApiClient api;
    String token;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @BeforeAll
    void host() {
        api = new ApiClient(server.getURI());
        token = api.registerHost("edge-01", ADMIN);
    }

    record Raw(String head, String body, boolean closed) {
        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }
    }

    /** Sends bytes as they are and reads the first answer; {@code closed} when the server then hung up. */
    Raw raw(byte[] request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(headText);
            byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            boolean closed;
            socket.setSoTimeout(1_500);
            try {
                closed = in.read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (SocketException reset) {
                closed = true;
            }
            return new Raw(headText, new String(body, StandardCharsets.UTF_8), closed);
        }
    }

    Raw raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aHundredKilobyteUrlIs414() throws IOException {
        Raw r = raw("GET /api/v1/series?host=" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(414, r.status(), r.head() + r.body());
        assertTrue(r.body().contains("\"error\""), r.body());
    }

    @Test
    void fiveHundredHeadersAre431() throws IOException {
        StringBuilder request = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 500; i++) {
            request.append("X-Filler-").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        }
        Raw r = raw(request.append("\r\n").toString());
        assertEquals(431, r.status(), r.head() + r.body());
    }

    @Test
    void oneHugeHeaderIs431() throws IOException {
        Raw r = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Huge: " + "h".repeat(64_000) + "\r\n\r\n");
        assertEquals(431, r.status(), r.head() + r.body());
    }

    @Test
    void anUnknownHttpVersionIs505() throws IOException {
        Raw r = raw("GET /health HTTP/9.9\r\nHost: x\r\n\r\n");
        assertEquals(505, r.status(), r.head() + r.body());
        assertTrue(r.closed(), "connection closed after 505");
    }

    @Test
    void contentLengthTogetherWithTransferEncodingIs400AndTheConnectionIsClosed() throws IOException {
        String body = "{\"host\":\"edge-01\",\"samples\":[{\"metric\":\"load1\",\"value\":1}]}";
        Raw r = raw("POST /api/v1/samples HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        assertEquals(400, r.status(), r.head() + r.body());
        assertTrue(r.closed(), "RFC 9112 6.1: close the connection after such a request");
    }

    @Test
    void anOrdinaryRequestStillKeepsTheConnectionOpen() throws IOException {
        Raw r = raw("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, r.status(), r.head() + r.body());
        assertFalse(r.closed());
    }

    @Test
    void headAnswersCarryNoBody() throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write("HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
            assertTrue(answer.endsWith("\r\n\r\n"), "no body after the headers: " + answer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "zstd", "bogus", "gzip, br"})
    void anUnknownContentEncodingIs415NamingTheSupportedOnes(String encoding) {
        HttpResponse<String> r = api.post("/api/v1/samples", token, "application/json",
                "{\"host\":\"edge-01\",\"samples\":[]}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Encoding", encoding));
        assertEquals(415, r.statusCode(), r.body());
        assertTrue(r.body().contains("gzip") && r.body().contains("deflate") && r.body().contains("identity"), r.body());
    }

    @Test
    void invalidUtf8InPrometheusTextIs400NamingTheLine() {
        byte[] body = concat("node_load1 0.5\nnode_filesystem_avail_bytes{mountpoint=\"/", new byte[]{(byte) 0xff, (byte) 0xfe},
                "\"} 1\n");
        HttpResponse<String> r = api.post("/api/v1/write/prometheus/edge-01", token, "text/plain", body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("line 2") && r.body().contains("UTF-8"), r.body());
    }

    @Test
    void invalidUtf8InLineProtocolIs400NamingTheLine() {
        byte[] body = concat("disk,host=edge-01,path=/", new byte[]{(byte) 0xc3, (byte) 0x28}, " used_percent=5\n");
        HttpResponse<String> r = api.post("/api/v1/write/influx", token, "text/plain", body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("line 1") && r.body().contains("UTF-8"), r.body());
    }

    static byte[] concat(String before, byte[] bad, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void jsonLimitsAreNamedInTheDocumentsTerms() {
        HttpResponse<String> deep = api.post("/api/v1/samples", token, "{\"host\":\"edge-01\",\"x\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}");
        assertTrue(deep.body().contains("objects and arrays are nested more than 1000 levels deep"), deep.body());
        assertTrue(deep.body().startsWith("{\"error\":\"malformed JSON"), deep.body());
        HttpResponse<String> number = api.post("/api/v1/write/collectd", token, "[{\"values\":[" + "9".repeat(1_200) + "]}]");
        assertTrue(number.body().contains("a number is longer than 1000 characters"), number.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples-depth", "samples-number", "samples-name", "samples-string", "collectd-depth",
            "collectd-number", "hosts-depth", "hosts-number", "hosts-string", "silence-depth", "samples-token"})
    void jsonErrorsSpeakTheUsersLanguage(String which) {
        String deep = "[".repeat(1_500) + "]".repeat(1_500);
        String longNumber = "1".repeat(1_200);
        String longName = "n".repeat(60_000);
        String longString = "s".repeat(21_000_000);
        HttpResponse<String> r = switch (which) {
            case "samples-depth" -> api.post("/api/v1/samples", token, "{\"host\":\"edge-01\",\"x\":" + deep + ",\"samples\":[]}");
            case "samples-number" -> api.post("/api/v1/samples", token, "{\"host\":\"edge-01\",\"samples\":[{\"metric\":\"m\",\"value\":" + longNumber + "}]}");
            case "samples-name" -> api.post("/api/v1/samples", token, "{\"" + longName + "\":1}");
            case "samples-string" -> api.post("/api/v1/samples", token, "{\"host\":\"" + longString + "\"}");
            case "samples-token" -> api.post("/api/v1/samples", token, "{\"host\":\"edge-01\",\"samples\":[{\"metric\":\"m\",\"value\":tru}]}");
            case "collectd-depth" -> api.post("/api/v1/write/collectd", token, "[" + deep + "]");
            case "collectd-number" -> api.post("/api/v1/write/collectd", token, "[{\"values\":[" + longNumber + "]}]");
            case "hosts-depth" -> api.post("/api/v1/hosts", ADMIN, "{\"name\":" + deep + "}");
            case "hosts-number" -> api.post("/api/v1/hosts", ADMIN, "{\"name\":\"x\",\"n\":" + longNumber + "}");
            case "hosts-string" -> api.post("/api/v1/hosts", ADMIN, "{\"name\":\"" + longString + "\"}");
            case "silence-depth" -> api.post("/api/v1/silences", ADMIN, "{\"matchers\":" + deep + "}");
            default -> throw new IllegalArgumentException(which);
        };
        assertTrue(r.statusCode() == 400 || r.statusCode() == 413, which + ": " + r.statusCode() + " " + r.body());
        assertFalse(INTERNALS.matcher(r.body()).find(), which + ": " + r.body());
    }
}
