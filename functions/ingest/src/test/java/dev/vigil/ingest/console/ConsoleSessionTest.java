package dev.vigil.ingest.console;

import dev.vigil.ingest.AdminApiTestProperties;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's files, headers, sign-in, sessions and CSRF over a real socket on MariaDB: only admin and viewer
 * tokens sign in; the cookie is HttpOnly, SameSite=Strict, expiring, Secure behind HTTPS; the database holds
 * no raw secret; a change made with the cookie needs the CSRF token; sign-out deletes the session.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSessionTest implements AdminApiTestProperties {

    static final String ADMIN = "console-session-admin-token";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String viewer;
    String writer;
    String hostToken;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AdminApiTestProperties.super.getProperties());
        props.put("vigil.console.session-ttl", "2h");
        return props;
    }

    @BeforeAll
    void tokens() {
        viewer = token(send("POST", "/api/v1/tokens", "{\"name\":\"wall\",\"role\":\"viewer\"}", Map.of("Authorization", "Bearer " + ADMIN)));
        writer = token(send("POST", "/api/v1/tokens", "{\"name\":\"scraper\",\"role\":\"writer\"}", Map.of("Authorization", "Bearer " + ADMIN)));
        hostToken = token(send("POST", "/api/v1/hosts", "{\"name\":\"web-01\",\"labels\":{\"team\":\"web\"}}", Map.of("Authorization", "Bearer " + ADMIN)));
    }

    @Test
    void theConsoleIsServedAtTheRootWithAStrictPolicyAndRightTypes() {
        HttpResponse<String> index = send("GET", "/", null, Map.of());
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", index.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
        assertFalse(index.body().contains("<script>") || index.body().contains("style="), "no inline script or style");

        HttpResponse<String> js = send("GET", "/console/js/app.js", null, Map.of());
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        String etag = js.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, send("GET", "/console/js/app.js", null, Map.of("If-None-Match", etag)).statusCode());
        assertTrue(send("GET", "/console/css/console.css", null, Map.of()).headers().firstValue("Content-Type")
                .orElseThrow().startsWith("text/css"));

        HttpResponse<String> uplot = send("GET", "/console/vendor/uplot-1.6.30/uPlot.iife.min.js", null, Map.of());
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));

        for (String bad : List.of("/console/../application.yml", "/console/js/missing.js", "/console/README.md",
                "/console/%2e%2e/application.yml", "/console/.hidden.js")) {
            HttpResponse<String> refused = send("GET", bad, null, Map.of());
            assertEquals(404, refused.statusCode(), bad);
            assertTrue(refused.headers().firstValue("Content-Security-Policy").isPresent(), bad);
        }
    }

    @Test
    void onlyAdminAndViewerTokensSignIn() {
        assertEquals(403, signIn(hostToken).statusCode(), "host tokens do not sign in");
        assertEquals(403, signIn(writer).statusCode(), "writer tokens do not sign in");
        assertEquals(401, signIn("vgl_not-a-token").statusCode());
        assertEquals(401, send("POST", "/console/session", null, Map.of()).statusCode());
        assertEquals(201, signIn(viewer).statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictExpiringAndStoredHashed() throws SQLException {
        HttpResponse<String> opened = signIn(ADMIN);
        assertEquals(201, opened.statusCode(), opened.body());
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith(ConsoleSessionCookie.COOKIE + "="), setCookie);
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Max-Age=7199") || setCookie.contains("Max-Age=7200"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP: no Secure flag");
        assertFalse(opened.body().contains(ADMIN), "the token is not echoed");
        String secret = cookieValue(setCookie);
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT session_hash, credential_hash FROM console_sessions")) {
            while (rs.next()) {
                assertFalse(rs.getString(1).contains(secret) || rs.getString(2).contains(ADMIN), "only hashes are stored");
            }
        }
        HttpResponse<String> behindTls = send("POST", "/console/session", null,
                Map.of("Authorization", "Bearer " + ADMIN, "X-Forwarded-Proto", "https"));
        assertTrue(behindTls.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
    }

    @Test
    void aCookieSessionReadsAndItsChangesNeedTheCsrfToken() {
        HttpResponse<String> opened = signIn(ADMIN);
        String cookie = ConsoleSessionCookie.COOKIE + "=" + cookieValue(opened.headers().firstValue("Set-Cookie").orElseThrow());
        String csrf = csrf(opened.body());
        HttpResponse<String> session = send("GET", "/console/session", null, Map.of("Cookie", cookie));
        assertTrue(session.body().contains("\"role\":\"admin\"") && session.body().contains(csrf), session.body());
        assertEquals(200, send("GET", "/api/v1/hosts", null, Map.of("Cookie", cookie)).statusCode());

        HttpResponse<String> noCsrf = send("POST", "/api/v1/hosts", "{\"name\":\"csrf-01\"}", Map.of("Cookie", cookie));
        assertEquals(403, noCsrf.statusCode());
        assertTrue(noCsrf.body().contains("CSRF"), noCsrf.body());
        assertEquals(403, send("POST", "/api/v1/hosts", "{\"name\":\"csrf-01\"}",
                Map.of("Cookie", cookie, ConsoleSessionCookie.CSRF_HEADER, "wrong")).statusCode());
        assertEquals(201, send("POST", "/api/v1/hosts", "{\"name\":\"csrf-01\"}",
                Map.of("Cookie", cookie, ConsoleSessionCookie.CSRF_HEADER, csrf)).statusCode());

        HttpResponse<String> anotherSession = signIn(ADMIN);
        assertEquals(403, send("DELETE", "/api/v1/hosts/csrf-01", null, Map.of("Cookie", cookie,
                ConsoleSessionCookie.CSRF_HEADER, csrf(anotherSession.body()))).statusCode(), "another session's CSRF token");
    }

    @Test
    void aViewerSessionReadsButGets403OnAChange() {
        HttpResponse<String> opened = signIn(viewer);
        String cookie = ConsoleSessionCookie.COOKIE + "=" + cookieValue(opened.headers().firstValue("Set-Cookie").orElseThrow());
        assertTrue(opened.body().contains("\"role\":\"viewer\""), opened.body());
        assertEquals(200, send("GET", "/api/v1/fleet", null, Map.of("Cookie", cookie)).statusCode());
        HttpResponse<String> change = send("POST", "/api/v1/hosts", "{\"name\":\"viewer-01\"}",
                Map.of("Cookie", cookie, ConsoleSessionCookie.CSRF_HEADER, csrf(opened.body())));
        assertEquals(403, change.statusCode());
        assertTrue(change.body().contains("viewer"), change.body());
    }

    @Test
    void signOutDeletesTheSessionAndRevokingTheTokenEndsIt() {
        HttpResponse<String> opened = signIn(ADMIN);
        String cookie = ConsoleSessionCookie.COOKIE + "=" + cookieValue(opened.headers().firstValue("Set-Cookie").orElseThrow());
        assertEquals(403, send("DELETE", "/console/session", null, Map.of("Cookie", cookie)).statusCode(), "sign-out needs CSRF");
        HttpResponse<String> out = send("DELETE", "/console/session", null,
                Map.of("Cookie", cookie, ConsoleSessionCookie.CSRF_HEADER, csrf(opened.body())));
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, send("GET", "/api/v1/hosts", null, Map.of("Cookie", cookie)).statusCode());
        assertTrue(send("GET", "/console/session", null, Map.of("Cookie", cookie)).body().contains("\"signedIn\":false"));

        String temporary = token(send("POST", "/api/v1/tokens", "{\"name\":\"temp\",\"role\":\"viewer\"}", Map.of("Authorization", "Bearer " + ADMIN)));
        HttpResponse<String> tempSession = signIn(temporary);
        String tempCookie = ConsoleSessionCookie.COOKIE + "=" + cookieValue(tempSession.headers().firstValue("Set-Cookie").orElseThrow());
        assertEquals(200, send("GET", "/api/v1/hosts", null, Map.of("Cookie", tempCookie)).statusCode());
        assertEquals(204, send("DELETE", "/api/v1/tokens/temp", null, Map.of("Authorization", "Bearer " + ADMIN)).statusCode());
        assertEquals(401, send("GET", "/api/v1/hosts", null, Map.of("Cookie", tempCookie)).statusCode());
    }

    @Test
    void theFleetListsHostsWithTheirNumbersWorstFirst() {
        String body = send("GET", "/api/v1/fleet", null, Map.of("Authorization", "Bearer " + ADMIN)).body();
        assertTrue(body.contains("\"hosts\":[") && body.contains("\"name\":\"web-01\"") && body.contains("\"overview\""), body);
        assertEquals(200, send("GET", "/console/status", null, Map.of("Authorization", "Bearer " + viewer)).statusCode());
        assertEquals(401, send("GET", "/api/v1/fleet", null, Map.of()).statusCode());
    }

    private HttpResponse<String> signIn(String token) {
        return send("POST", "/console/session", null, Map.of("Authorization", "Bearer " + token));
    }

    private static String cookieValue(String setCookie) {
        String pair = setCookie.split(";")[0];
        return pair.substring(pair.indexOf('=') + 1);
    }

    private static String csrf(String body) {
        Matcher m = CSRF.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    private static String token(HttpResponse<String> created) {
        Matcher m = TOKEN.matcher(created.body());
        assertTrue(created.statusCode() == 201 && m.find(), created.statusCode() + " " + created.body());
        return m.group(1);
    }

    private HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertNotNull(response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
