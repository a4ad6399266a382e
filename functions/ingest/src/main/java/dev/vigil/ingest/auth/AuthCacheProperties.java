package dev.vigil.ingest.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code vigil.auth.cache-ttl}: how long a token that authenticated is trusted without asking the database again
 * (issue 17: a sender posting several batches a second pays one lookup per TTL, not one per batch). A token revoked
 * through this process stops working at once; one revoked through another process within this TTL. Zero turns the
 * cache off.
 */
@ConfigurationProperties("vigil.auth")
@Introspected
public class AuthCacheProperties {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);

    @NotNull
    private Duration cacheTtl = DEFAULT_CACHE_TTL;

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        if (cacheTtl != null && cacheTtl.isNegative()) {
            throw new IllegalArgumentException("vigil.auth.cache-ttl must not be negative");
        }
        this.cacheTtl = cacheTtl;
    }
}
