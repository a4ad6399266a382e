package dev.vigil.notify.outbox;

/** A claimed outbox row. */
public record OutboxItem(long id, String receiver, String kind, String payload, int attempts) {
}
