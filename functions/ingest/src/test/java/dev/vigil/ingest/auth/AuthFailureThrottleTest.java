package dev.vigil.ingest.auth;

import dev.vigil.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throttle's window, block and memory bound, played on an adjustable clock. */
class AuthFailureThrottleTest {

    final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-29T12:00:00Z"));
    final AuthThrottleProperties properties = new AuthThrottleProperties();

    @Test
    void failuresSpreadBeyondTheWindowNeverBlock() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(properties, clock);
        for (int i = 0; i < 100; i++) {
            throttle.failed("192.0.2.1", "GET /api/v1/hosts", "invalid admin token");
            assertFalse(throttle.retryAfterSeconds("192.0.2.1", () -> "r").isPresent(), "failure " + i);
            clock.advance(Duration.ofSeconds(7)); // an agent with a revoked token retrying: < 10 a minute
        }
    }

    @Test
    void theLimitWithinTheWindowBlocksForTheConfiguredTime() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(properties, clock);
        for (int i = 0; i < properties.getMaxFailures(); i++) {
            assertFalse(throttle.retryAfterSeconds("192.0.2.1", () -> "r").isPresent());
            throttle.failed("192.0.2.1", "r", "invalid");
        }
        assertEquals(300, throttle.retryAfterSeconds("192.0.2.1", () -> "r").getAsLong());
        clock.advance(Duration.ofMinutes(4));
        assertEquals(60, throttle.retryAfterSeconds("192.0.2.1", () -> "r").getAsLong());
        assertFalse(throttle.retryAfterSeconds("192.0.2.2", () -> "r").isPresent(), "other addresses go on");
        clock.advance(Duration.ofMinutes(1));
        assertFalse(throttle.retryAfterSeconds("192.0.2.1", () -> "r").isPresent(), "the block ends");
        throttle.failed("192.0.2.1", "r", "invalid");
        assertFalse(throttle.retryAfterSeconds("192.0.2.1", () -> "r").isPresent(), "a fresh count after a block");
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeenAddresses() {
        properties.setMaxTrackedAddresses(100);
        AuthFailureThrottle throttle = new AuthFailureThrottle(properties, clock);
        for (int i = 0; i < properties.getMaxFailures(); i++) {
            throttle.failed("203.0.113.1", "r", "invalid");
        }
        for (int i = 0; i < 100_000; i++) {
            throttle.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "r", "invalid");
            if (i % 50 == 0) {
                assertTrue(throttle.retryAfterSeconds("203.0.113.1", () -> "r").isPresent(), "a busy blocked address stays blocked");
            }
        }
        assertEquals(100, throttle.trackedAddresses());
    }
}
