package dev.vigil.core.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A named API token; only the SHA-256 of the secret is stored ({@link dev.vigil.core.host.HostTokens#hash}). */
@MappedEntity("api_tokens")
public record ApiToken(
        @Id @GeneratedValue @Nullable Integer id,
        String name,
        String role,
        String tokenHash,
        long createdAt,
        @Nullable Long lastUsedAt) {

    public TokenRole tokenRole() {
        return TokenRole.fromWire(role).orElseThrow(() -> new IllegalStateException("unknown role in api_tokens: " + role));
    }
}
