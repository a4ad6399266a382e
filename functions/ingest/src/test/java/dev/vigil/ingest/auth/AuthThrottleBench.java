package dev.vigil.ingest.auth;

import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * What the failed-authentication throttle costs and saves, in one run: admin-token guesses from one address
 * for a few seconds (how many were checked at all), and successful admin requests per second with the
 * throttle on and off. Not a unit test (no *Test suffix): {@code mvn -pl functions/ingest -am test
 * -Dtest=AuthThrottleBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthThrottleBench implements BehindTrustedProxyProperties {

    static final String ADMIN = "bench-admin-token";
    static final long GUESS_MILLIS = 5_000;
    static final int GOOD_REQUESTS = 1_000;
    static final int ROUNDS = 7;

    @Inject
    EmbeddedServer server;
    @Inject
    AuthThrottleProperties properties;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Test
    void guessesAndGoodRequests() {
        ApiClient api = new ApiClient(server.getURI());
        Map<Integer, Integer> statuses = new HashMap<>();
        long end = System.currentTimeMillis() + GUESS_MILLIS;
        int guesses = 0;
        while (System.currentTimeMillis() < end) {
            int status = api.get("/api/v1/hosts", "guess-" + guesses, Map.of("X-Forwarded-For", "203.0.113.66")).statusCode();
            statuses.merge(status, 1, Integer::sum);
            guesses++;
        }
        System.out.printf("guesses in %d ms from one address: %d (%.0f/s), answers by status %s%n",
                GUESS_MILLIS, guesses, guesses * 1000.0 / GUESS_MILLIS, statuses);
        goodPerSecond(api, "198.51.100.1"); // warm-up
        double[] on = new double[ROUNDS];
        double[] off = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            // alternate which goes first, so a machine getting busier or quieter favours neither
            for (boolean enabled : round % 2 == 0 ? new boolean[]{true, false} : new boolean[]{false, true}) {
                properties.setEnabled(enabled);
                if (enabled) {
                    on[round] = goodPerSecond(api, "198.51.100.1");
                } else {
                    off[round] = goodPerSecond(api, "198.51.100.2");
                }
            }
        }
        properties.setEnabled(true);
        java.util.Arrays.sort(on);
        java.util.Arrays.sort(off);
        System.out.printf("successful admin requests/s, median of %d alternating rounds: throttle on %.0f, off %.0f (ratio %.2f)%n",
                ROUNDS, on[ROUNDS / 2], off[ROUNDS / 2], on[ROUNDS / 2] / off[ROUNDS / 2]);
    }

    double goodPerSecond(ApiClient api, String address) {
        long started = System.nanoTime();
        for (int i = 0; i < GOOD_REQUESTS; i++) {
            if (api.get("/api/v1/overview", ADMIN, Map.of("X-Forwarded-For", address)).statusCode() != 200) {
                throw new AssertionError("a good request was refused");
            }
        }
        return GOOD_REQUESTS / ((System.nanoTime() - started) / 1e9);
    }
}
