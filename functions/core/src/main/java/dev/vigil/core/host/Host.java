package dev.vigil.core.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.Map;

/**
 * A monitored server. Only the SHA-256 of its token is stored; {@code revokedAt} marks a deleted host;
 * {@code labels} is the JSON object of its labels ({@link HostLabels}), null when it has none.
 */
@MappedEntity("hosts")
public record Host(
        @Id @GeneratedValue @Nullable Integer id,
        String name,
        @Nullable String tokenHash,
        long createdAt,
        @Nullable Long lastSeenAt,
        @Nullable Long revokedAt,
        @Nullable String labels) {

    public Map<String, String> labelMap() {
        return HostLabels.fromJson(labels);
    }

    public boolean active() {
        return revokedAt == null;
    }
}
