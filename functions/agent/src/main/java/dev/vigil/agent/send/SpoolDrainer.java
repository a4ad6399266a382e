package dev.vigil.agent.send;

import dev.vigil.agent.spool.SpoolDirectory;
import dev.vigil.agent.spool.SpooledBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers spooled batches oldest first. It stops at the first retryable failure so that batches
 * arrive in order, and says how long to wait before the next attempt.
 */
public final class SpoolDrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDrainer.class);

    private final SpoolDirectory spool;
    private final BatchSender sender;
    private final RetryBackoff backoff;
    private final Clock clock;
    private int failures;

    public SpoolDrainer(SpoolDirectory spool, BatchSender sender, RetryBackoff backoff, Clock clock) {
        this.spool = spool;
        this.sender = sender;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * @param retryIn null when the spool was emptied (or the deadline passed), else the wait before trying again
     */
    public record Outcome(int delivered, int rejected, Duration retryIn) {
    }

    /** Sends until the spool is empty, a batch must be retried, or {@code deadline} (may be null) passes. */
    public synchronized Outcome drain(Instant deadline) {
        int delivered = 0;
        int rejected = 0;
        while (deadline == null || clock.instant().isBefore(deadline)) {
            Optional<SpooledBatch> next;
            try {
                next = spool.oldest();
            } catch (IOException e) {
                LOG.warn("Cannot read the spool: {}", e.toString());
                return new Outcome(delivered, rejected, backoff.delay(++failures, null));
            }
            if (next.isEmpty()) {
                break;
            }
            SpooledBatch batch = next.get();
            SendResult result = sender.send(batch.body());
            if (result instanceof SendResult.Retryable retry) {
                failures++;
                Duration wait = backoff.delay(failures, retry.retryAfter());
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warn("Ingest did not take batch {} ({}); {} batch(es) spooled, retry #{} in {} ms",
                            batch.sequence(), retry.reason(), spool.batchCount(), failures, wait.toMillis());
                }
                return new Outcome(delivered, rejected, wait);
            }
            if (failures > 0) {
                LOG.info("Ingest is back after {} failed attempt(s); delivering {} spooled batch(es)", failures, spool.batchCount());
                failures = 0;
            }
            if (result instanceof SendResult.Rejected rejection) {
                LOG.error("Ingest rejected batch {} with HTTP {}: {}; dropping it (sending again cannot help)",
                        batch.sequence(), rejection.status(), rejection.error());
                rejected++;
            } else {
                delivered++;
            }
            try {
                spool.remove(batch.sequence());
            } catch (IOException e) {
                LOG.warn("Cannot remove delivered batch {} from the spool (it will be re-sent, ingest dedups it): {}",
                        batch.sequence(), e.toString());
                return new Outcome(delivered, rejected, backoff.delay(1, null));
            }
        }
        return new Outcome(delivered, rejected, null);
    }

    public synchronized int consecutiveFailures() {
        return failures;
    }
}
