package dev.vigil.core.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A monitored server. Only the SHA-256 of its token is stored; {@code revokedAt} marks a deleted host. */
@MappedEntity("hosts")
public record Host(
        @Id @GeneratedValue @Nullable Integer id,
        String name,
        @Nullable String tokenHash,
        long createdAt,
        @Nullable Long lastSeenAt,
        @Nullable Long revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
