package dev.vigil.ingest.host;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** The only answer that ever carries a token in clear. */
@Serdeable
public record HostCreated(String name, String token, Map<String, String> labels) {
}
