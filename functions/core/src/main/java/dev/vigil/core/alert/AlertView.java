package dev.vigil.core.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** An alert as the API lists it (contract section 3): every field present, null or empty included. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertView(long id, String fingerprint, String rule, String host, Map<String, String> labels,
                        String severity, String state, @Nullable Double value, long startsAt, @Nullable Long endsAt,
                        @Nullable String summary, boolean acknowledged) {
}
