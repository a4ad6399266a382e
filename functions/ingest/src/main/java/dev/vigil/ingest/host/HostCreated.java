package dev.vigil.ingest.host;

import io.micronaut.serde.annotation.Serdeable;

/** The only answer that ever carries a token in clear. */
@Serdeable
public record HostCreated(String name, String token) {
}
