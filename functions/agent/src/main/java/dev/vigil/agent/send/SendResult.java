package dev.vigil.agent.send;

import java.time.Duration;

/** What ingest made of one batch, from the point of view of "keep it or not". */
public sealed interface SendResult {

    /** 2xx: stored (or already stored: re-sends count as duplicates). */
    record Delivered(int status, String body) implements SendResult {
    }

    /** A 4xx other than 408/429: sending it again cannot help, so it is dropped. */
    record Rejected(int status, String error) implements SendResult {
    }

    /** Unreachable, 5xx, 408 or 429: keep the batch and try later, not before {@code retryAfter} if given. */
    record Retryable(String reason, Duration retryAfter) implements SendResult {
    }
}
