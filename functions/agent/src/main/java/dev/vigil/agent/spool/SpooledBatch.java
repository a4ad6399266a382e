package dev.vigil.agent.spool;

/** A batch waiting on disk; {@code sequence} orders delivery. */
public record SpooledBatch(long sequence, byte[] body) {
}
