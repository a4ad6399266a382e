package dev.vigil.core.sample;

/** Outcome of storing one batch: new rows, and rows that were already stored (same series and ts). */
@io.micronaut.serde.annotation.Serdeable
public record WriteResult(int accepted, int duplicates) {
}
