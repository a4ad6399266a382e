package dev.vigil.ingest.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The numbers of GET /api/v1/overview. */
@Serdeable
public record Overview(Hosts hosts, Firing firing, @Nullable Long lastEvaluationAt, long samplesLastMinute) {

    @Serdeable
    public record Hosts(long total, long up, long down) {
    }

    @Serdeable
    public record Firing(long critical, long warning) {
    }
}
