package dev.vigil.ingest.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One change made through the API: when (epoch ms), who (the token's name; the configured admin token is
 * {@code admin}), what (a dotted action such as {@code host.register}), on what, and the state before and
 * after as JSON ({@code null} for a creation's before and a deletion's after). Never holds a secret.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEntry(long id, long at, String who, String what, String target,
                         @Nullable Object before, @Nullable Object after) {
}
