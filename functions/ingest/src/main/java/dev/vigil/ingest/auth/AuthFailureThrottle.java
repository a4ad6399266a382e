package dev.vigil.ingest.auth;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Counts failed authentications per client address in a sliding window; an address that reaches the limit is
 * blocked for a while (every request refused with 429, its token not even looked at). Memory is bounded:
 * at most {@code maxTrackedAddresses} addresses are kept, the least recently seen forgotten first.
 * Log lines name the address, the request's method and path (never its query string, never a token) and why.
 */
@Singleton
public class AuthFailureThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureThrottle.class);
    /** While an address stays blocked, its refusals are summed up in one line per this interval. */
    static final Duration REFUSAL_LOG_INTERVAL = Duration.ofMinutes(1);

    private final AuthThrottleProperties properties;
    private final Clock clock;
    private final Map<String, Address> addresses;

    public AuthFailureThrottle(AuthThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        int cap = properties.getMaxTrackedAddresses();
        this.addresses = new LinkedHashMap<>(Math.min(cap, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Address> eldest) {
                return size() > cap;
            }
        };
    }

    private static final class Address {
        final ArrayDeque<Long> failures = new ArrayDeque<>();
        long blockedUntil;
        long refusedSinceLog;
        long refusalLoggedAt;
    }

    /** Seconds the client must wait when its address is blocked now; empty when it may go on. */
    public OptionalLong retryAfterSeconds(String address, Supplier<String> request) {
        long now = clock.millis();
        synchronized (addresses) {
            Address a = addresses.get(address);
            if (a == null || a.blockedUntil <= now) {
                return OptionalLong.empty();
            }
            a.refusedSinceLog++;
            if (now - a.refusalLoggedAt >= REFUSAL_LOG_INTERVAL.toMillis()) {
                LOG.info("Refused {} request(s) from {} without checking credentials (blocked until {}), latest: {}",
                        a.refusedSinceLog, address, Instant.ofEpochMilli(a.blockedUntil), request.get());
                a.refusedSinceLog = 0;
                a.refusalLoggedAt = now;
            }
            return OptionalLong.of(Math.max(1, (a.blockedUntil - now + 999) / 1000));
        }
    }

    /** Records a refused credential; blocks the address when it reaches the limit within the window. */
    public void failed(String address, String request, String reason) {
        long now = clock.millis();
        long windowStart = now - properties.getWindow().toMillis();
        synchronized (addresses) {
            Address a = addresses.computeIfAbsent(address, k -> new Address());
            while (!a.failures.isEmpty() && a.failures.peekFirst() <= windowStart) {
                a.failures.pollFirst();
            }
            a.failures.addLast(now);
            int recent = a.failures.size();
            if (recent >= properties.getMaxFailures()) {
                a.failures.clear();
                a.blockedUntil = now + properties.getBlockFor().toMillis();
                a.refusedSinceLog = 0;
                a.refusalLoggedAt = now;
                LOG.info("Authentication failed from {}: {}: {}; {} failures within {}: blocking {} for {}",
                        address, request, reason, recent, properties.getWindow(), address, properties.getBlockFor());
            } else {
                LOG.info("Authentication failed from {}: {}: {} ({} of {} allowed within {})",
                        address, request, reason, recent, properties.getMaxFailures(), properties.getWindow());
            }
        }
    }

    int trackedAddresses() {
        synchronized (addresses) {
            return addresses.size();
        }
    }
}
