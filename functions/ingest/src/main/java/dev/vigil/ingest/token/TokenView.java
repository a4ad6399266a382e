package dev.vigil.ingest.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A token as listed: never its secret or hash. The configured admin token is listed as {@code admin} with no times. */
@Serdeable
public record TokenView(String name, String role, @Nullable Long createdAt, @Nullable Long lastUsedAt) {
}
