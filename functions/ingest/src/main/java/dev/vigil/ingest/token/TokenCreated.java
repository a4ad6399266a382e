package dev.vigil.ingest.token;

import io.micronaut.serde.annotation.Serdeable;

/** The only answer that carries an API token in clear: the 201 of its creation. */
@Serdeable
public record TokenCreated(String name, String role, String token) {
}
