package dev.vigil.ingest.format;

import io.micronaut.serde.annotation.Serdeable;

/** The 202 answer of the sender paths: like /api/v1/samples, plus how many values were dropped. */
@Serdeable
public record FormatWriteResult(int accepted, int duplicates, int dropped) {
}
