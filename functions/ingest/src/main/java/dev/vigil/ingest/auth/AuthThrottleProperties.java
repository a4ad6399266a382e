package dev.vigil.ingest.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code vigil.auth.throttle.*}: how failed authentications are throttled per client address. Tokens are
 * 256 random bits, so throttling is not what keeps them safe; it keeps a guessing client from costing a
 * database lookup per guess and makes the attempt visible in the log.
 */
@ConfigurationProperties("vigil.auth.throttle")
@Introspected
public class AuthThrottleProperties {

    /** An agent with a revoked token retries every 15 s (4 a minute): it is not blocked; a guesser is. */
    public static final int DEFAULT_MAX_FAILURES = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    /** Long enough to make guessing pointless, short enough that a fixed typo costs little. */
    public static final Duration DEFAULT_BLOCK_FOR = Duration.ofMinutes(5);
    /** A few MB of state at most (about 400 bytes an address); beyond it the least recently seen are forgotten. */
    public static final int DEFAULT_MAX_TRACKED_ADDRESSES = 10_000;

    private boolean enabled = true;
    @Min(1)
    private int maxFailures = DEFAULT_MAX_FAILURES;
    @NotNull
    private Duration window = DEFAULT_WINDOW;
    @NotNull
    private Duration blockFor = DEFAULT_BLOCK_FOR;
    @Min(1)
    private int maxTrackedAddresses = DEFAULT_MAX_TRACKED_ADDRESSES;
    /**
     * True only when every request reaches the app through a proxy that sets X-Forwarded-For (a load balancer,
     * nginx): then its first hop is the client. Otherwise any client could pick its own address with that header.
     */
    private boolean trustForwardedFor;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxFailures() {
        return maxFailures;
    }

    public void setMaxFailures(int maxFailures) {
        this.maxFailures = maxFailures;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public Duration getBlockFor() {
        return blockFor;
    }

    public void setBlockFor(Duration blockFor) {
        this.blockFor = blockFor;
    }

    public int getMaxTrackedAddresses() {
        return maxTrackedAddresses;
    }

    public void setMaxTrackedAddresses(int maxTrackedAddresses) {
        this.maxTrackedAddresses = maxTrackedAddresses;
    }

    public boolean isTrustForwardedFor() {
        return trustForwardedFor;
    }

    public void setTrustForwardedFor(boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }
}
