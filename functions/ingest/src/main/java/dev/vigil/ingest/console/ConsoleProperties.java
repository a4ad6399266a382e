package dev.vigil.ingest.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** {@code vigil.console.*}: the web console's sessions. */
@Introspected
@ConfigurationProperties("vigil.console")
public class ConsoleProperties {

    static final Duration MIN_SESSION_TTL = Duration.ofMinutes(1);
    static final Duration MAX_SESSION_TTL = Duration.ofDays(30);

    /** A browser session ends this long after sign-in (sign-out ends it earlier). */
    @NotNull
    private Duration sessionTtl = Duration.ofHours(12);

    public Duration getSessionTtl() {
        return sessionTtl;
    }

    public void setSessionTtl(Duration sessionTtl) {
        if (sessionTtl == null || sessionTtl.compareTo(MIN_SESSION_TTL) < 0 || sessionTtl.compareTo(MAX_SESSION_TTL) > 0) {
            throw new IllegalArgumentException("vigil.console.session-ttl must be between 1m and 30d, got " + sessionTtl);
        }
        this.sessionTtl = sessionTtl;
    }
}
