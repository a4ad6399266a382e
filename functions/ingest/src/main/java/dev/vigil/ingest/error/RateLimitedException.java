package dev.vigil.ingest.error;

import io.micronaut.http.HttpStatus;

/** 429 with the Retry-After a well-behaved sender waits for. */
public class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(String error, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, error);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
