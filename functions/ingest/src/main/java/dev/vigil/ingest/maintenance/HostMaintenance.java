package dev.vigil.ingest.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A host's current maintenance: muted by silence {@code silenceId} from {@code since} until {@code until} (epoch ms). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HostMaintenance(String host, long silenceId, long since, long until, String by, @Nullable String comment) {
}
