package dev.vigil.ingest.auth;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.time.AdjustableClock;
import dev.vigil.core.token.ApiTokens;
import dev.vigil.core.token.TokenRole;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed authentication is throttled per client address (here behind a trusted proxy, so the address is
 * X-Forwarded-For's first hop): repeated failures earn 429 with Retry-After without the token being checked,
 * other addresses and successful requests go on untouched, and the log names address, path and reason only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthThrottleTest implements BehindTrustedProxyProperties {

    static final String ADMIN = "test-admin-token-throttle";

    @Inject
    EmbeddedServer server;
    @Inject
    AdjustableClock clock;
    @Inject
    HostRegistry hosts;
    @Inject
    ApiTokens tokens;

    ApiClient api;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(BehindTrustedProxyProperties.super.getProperties());
        props.put(AdjustableClockFactory.PROPERTY, "true");
        // tokens are deleted behind the API's back here; AuthCacheOnH2Test covers the cache
        props.put("vigil.auth.cache-ttl", "0s");
        return props;
    }

    @BeforeAll
    void client() {
        api = new ApiClient(server.getURI());
    }

    HttpResponse<String> hostsFrom(String address, String token) {
        return api.get("/api/v1/hosts", token, Map.of("X-Forwarded-For", address + ", 10.0.0.1"));
    }

    @Test
    void aDeletedApiTokenCountsAsAFailureAndALiveOneIsNeverSlowed() {
        String address = "203.0.113.44";
        ApiTokens.Issued viewer = tokens.create("throttle-viewer", TokenRole.VIEWER).orElseThrow();
        for (int i = 0; i < AuthThrottleProperties.DEFAULT_MAX_FAILURES * 2; i++) {
            assertEquals(200, hostsFrom(address, viewer.secret()).statusCode(), "a valid viewer token is never throttled");
        }
        assertTrue(tokens.delete("throttle-viewer"));
        for (int i = 0; i < AuthThrottleProperties.DEFAULT_MAX_FAILURES; i++) {
            assertEquals(401, hostsFrom(address, viewer.secret()).statusCode());
        }
        assertEquals(429, hostsFrom(address, viewer.secret()).statusCode(), "a revoked token's retries are throttled");
        clock.advance(AuthThrottleProperties.DEFAULT_BLOCK_FOR.plus(Duration.ofSeconds(1)));
    }

    @Test
    void repeatedBadTokensFromOneAddressAre429WithRetryAfterWhileOthersGoOn() {
        String attacker = "203.0.113.7";
        List<String> guesses = new ArrayList<>();
        try (LogCapture log = new LogCapture(AuthFailureThrottle.class)) {
            for (int i = 0; i < AuthThrottleProperties.DEFAULT_MAX_FAILURES; i++) {
                String guess = "guess-" + i + "-secretish";
                guesses.add(guess);
                assertEquals(401, hostsFrom(attacker, guess).statusCode());
            }
            HttpResponse<String> blocked = hostsFrom(attacker, "guess-blocked-secretish");
            assertEquals(429, blocked.statusCode(), blocked.body());
            long retryAfter = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= AuthThrottleProperties.DEFAULT_BLOCK_FOR.toSeconds(), "Retry-After " + retryAfter);
            assertTrue(blocked.body().startsWith("{\"error\":\"too many failed authentication attempts"), blocked.body());
            assertEquals(429, hostsFrom(attacker, ADMIN).statusCode(), "while blocked, not even the right token is checked");

            assertEquals(200, hostsFrom("198.51.100.2", ADMIN).statusCode(), "a good token from another address works");
            assertEquals(200, api.get("/health", null, Map.of("X-Forwarded-For", attacker)).statusCode(), "health is never refused");

            List<String> lines = log.lines();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO ") && l.contains(attacker) && l.contains("GET /api/v1/hosts")
                    && l.contains("invalid or revoked token") && l.contains("blocking")), String.join("\n", lines));
            for (String line : lines) {
                for (String guess : guesses) {
                    assertFalse(line.contains(guess), "a token was logged: " + line);
                }
                assertFalse(line.contains(ADMIN), "the admin token was logged: " + line);
            }

            clock.advance(AuthThrottleProperties.DEFAULT_BLOCK_FOR.plus(Duration.ofSeconds(1)));
            assertEquals(200, hostsFrom(attacker, ADMIN).statusCode(), "the block ends by itself");
        }
    }

    @Test
    void successfulRequestsAndRequestsWithoutCredentialsAreNeverThrottled() {
        for (int i = 0; i < 3 * AuthThrottleProperties.DEFAULT_MAX_FAILURES; i++) {
            assertEquals(200, hostsFrom("192.0.2.10", ADMIN).statusCode());
            assertEquals(401, hostsFrom("192.0.2.11", null).statusCode(), "no credential is a client not set up, not a guess");
        }
    }

    @Test
    void hostTokenFailuresCountToo() {
        String token = hosts.register("throttled-01").orElseThrow().token();
        String sender = "192.0.2.20";
        Map<String, String> from = Map.of("X-Forwarded-For", sender);
        String batch = "{\"host\":\"throttled-01\",\"samples\":[{\"metric\":\"load1\",\"value\":1}]}";
        for (int i = 0; i < AuthThrottleProperties.DEFAULT_MAX_FAILURES; i++) {
            assertEquals(401, api.post("/api/v1/samples", "vgl_wrong" + i, "application/json", batch.getBytes(), from).statusCode());
        }
        assertEquals(429, api.post("/api/v1/samples", token, "application/json", batch.getBytes(), from).statusCode());
        assertEquals(202, api.post("/api/v1/samples", token, "application/json", batch.getBytes(),
                Map.of("X-Forwarded-For", "192.0.2.21")).statusCode());
    }
}
