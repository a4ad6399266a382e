package dev.vigil.notify.outbox;

import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.config.ReceiverProperties;
import dev.vigil.notify.meta.MetaAlerts;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.notifier.DeliveryResult;
import dev.vigil.notify.notifier.SecretRedactor;
import dev.vigil.notify.email.EmailTransports;
import dev.vigil.notify.route.Integration;
import dev.vigil.notify.route.Routing;
import dev.vigil.notify.route.RoutingSource;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Delivers due outbox items: one worker per receiver, so a slow or dead receiver only delays
 * itself. The retry stage lives here: notifiers only say whether a failure is retryable.
 */
@Singleton
public class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** Bounds what a crashed runner re-sends: at most this long of deliveries go unmarked. */
    static final long MARK_SENT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Claim time kept back beyond the longest delivery: for marking the item sent, and clock skew between runners. */
    static final Duration MARK_ALLOWANCE = Duration.ofSeconds(1);

    /** What one dispatch pass did. */
    public record DispatchResult(int sent, int retried, int dead) {
        DispatchResult plus(DispatchResult o) {
            return new DispatchResult(sent + o.sent, retried + o.retried, dead + o.dead);
        }
    }

    private final OutboxStore store;
    private final RoutingSource routing;
    private final EmailTransports transports;
    private final RetryPolicy retry;
    private final MetaAlerts metaAlerts;
    private final NotifyProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "notify-deliver");
        t.setDaemon(true);
        return t;
    });

    private final Duration claimMargin;

    public OutboxDispatcher(OutboxStore store, RoutingSource routing, EmailTransports transports, RetryPolicy retry, MetaAlerts metaAlerts,
                            NotifyProperties properties, ReceiverProperties.Http http, ObjectMapper json, Clock clock) {
        this.store = store;
        this.routing = routing;
        this.transports = transports;
        this.retry = retry;
        this.metaAlerts = metaAlerts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        Duration httpTimeout = http.getConnectTimeout().plus(http.getRequestTimeout());
        Duration delivery = properties.getDeliveryTimeout().compareTo(httpTimeout) >= 0 ? properties.getDeliveryTimeout() : httpTimeout;
        this.claimMargin = delivery.plus(MARK_ALLOWANCE);
        if (properties.getClaimTtl().compareTo(claimMargin.multipliedBy(2)) < 0) {
            throw new IllegalStateException("vigil.notify.claim-ttl (" + properties.getClaimTtl() + ") must be at least twice the delivery"
                    + " timeout plus " + MARK_ALLOWANCE.toSeconds() + "s (" + claimMargin + "), or a claim could expire mid-send");
        }
    }

    /** Delivers until nothing is due or the run budget is spent; safe to run concurrently with another runner. */
    public DispatchResult dispatch() {
        String runner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + properties.getRunBudget().toNanos();
        List<Future<DispatchResult>> running = new ArrayList<>();
        Routing current = routing.current();
        for (String name : store.dueReceivers(clock.millis())) {
            running.add(workers.submit(() -> drain(current, name, runner, deadline)));
        }
        try {
            return collect(running, current.redactor());
        } finally {
            transports.closeIdle();
        }
    }

    private DispatchResult collect(List<Future<DispatchResult>> running, SecretRedactor redactor) {
        DispatchResult total = new DispatchResult(0, 0, 0);
        for (Future<DispatchResult> f : running) {
            try {
                total = total.plus(f.get(properties.getRunBudget().toMillis() + properties.getClaimTtl().toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.error("delivery worker failed: {}", redactor.redact(String.valueOf(e.getCause())));
            }
        }
        return total;
    }

    /** One claim: its items and the last moment (both clocks) a delivery of them may start. */
    private record Claim(List<OutboxItem> items, boolean more, long lastStartNanos, long lastStartMillis) {
    }

    private Claim claim(String receiverName, String runner) {
        // Measured before the claim, so both are no later than what other runners see as its expiry.
        long claimedAtNanos = System.nanoTime();
        long now = clock.millis();
        long claimUntil = now + properties.getClaimTtl().toMillis();
        OutboxStore.Claimed claimed = store.claim(receiverName, runner, now, claimUntil, properties.getClaimBatch());
        // Another runner may re-claim an item once claim_until has passed on its clock; the monotonic
        // clock also counts in case the wall clock stands still or jumps back.
        return new Claim(claimed.items(), claimed.more(), claimedAtNanos + properties.getClaimTtl().toNanos() - claimMargin.toNanos(),
                claimUntil - claimMargin.toMillis());
    }

    /**
     * Sends one receiver's due items in id order. The next claim is made while the current batch is being
     * sent, and SENT marks are written while the next messages go out, so the database round trips
     * overlap the deliveries instead of adding to them. Whenever a batch ends early the claimed-ahead
     * batch is handed back with the batch's unsent rest, so the order of the items is kept.
     */
    private DispatchResult drain(Routing current, String receiverName, String runner, long deadline) {
        int sent = 0;
        int retried = 0;
        int dead = 0;
        SecretRedactor redactor = current.redactor();
        Integration receiver = current.integration(receiverName).orElse(null);
        boolean receiverFailed = false;
        Future<?> recovered = null;
        boolean outOfTime = false;
        SentMarks marks = new SentMarks(runner);
        Future<Claim> ahead = null;
        // Connection set-up overlaps the first claim instead of following it.
        Future<?> prepared = receiver == null ? null : workers.submit(receiver.notifier()::prepare);
        try {
            while (!receiverFailed && !outOfTime && System.nanoTime() - deadline < 0) {
                boolean claimedAhead = ahead != null;
                Claim batch = claimedAhead ? await(ahead) : claim(receiverName, runner);
                ahead = null;
                List<OutboxItem> items = batch.items();
                if (items.isEmpty()) {
                    break;
                }
                if (batch.more()) {
                    ahead = workers.submit(() -> claim(receiverName, runner));
                }
                int unsentFrom = items.size();
                for (int i = 0; i < items.size(); i++) {
                    if (prepared != null) {
                        // Before the claim-time check below, so a slow connect counts against the claim like a send.
                        awaitQuietly(prepared);
                        prepared = null;
                    }
                    long startNanos = System.nanoTime();
                    if (startNanos - deadline >= 0) {
                        // Run budget spent: the rest goes back for the next run.
                        unsentFrom = i;
                        outOfTime = true;
                        break;
                    }
                    if (startNanos - batch.lastStartNanos() >= 0 || clock.millis() >= batch.lastStartMillis()) {
                        // Not enough claim left for one more delivery: the rest goes back (and may be claimed afresh).
                        unsentFrom = i;
                        // Not even the first item of a fresh claim fit: claims are too short to make progress, so stop
                        // rather than spin. A batch claimed ahead aged while the one before it was sent: claim afresh.
                        outOfTime = i == 0 && !claimedAhead;
                        break;
                    }
                    OutboxItem item = items.get(i);
                    DeliveryResult result = receiver == null
                            ? DeliveryResult.permanent("receiver " + receiverName + " is no longer configured")
                            : deliver(receiver, item);
                    if (result.delivered()) {
                        marks.add(item);
                        sent++;
                        if (recovered == null) {
                            // Off the sending thread: the meta-alert's transaction need not delay the next message.
                            recovered = workers.submit(() -> metaAlerts.deliveryRecovered(receiverName));
                        }
                        continue;
                    }
                    String error = redactor.redact(result.error());
                    int failures = item.attempts() + 1;
                    if (result.retryable() && !retry.exhausted(failures)) {
                        long next = clock.millis() + retry.backoffMillis(failures);
                        store.retryLater(item, runner, clock.millis(), next, error);
                        LOG.warn("delivery to {} failed (attempt {}), retrying at {}: {}", receiverName, failures, next, error);
                        retried++;
                        receiverFailed = true;
                    } else {
                        store.deadLetter(item, runner, clock.millis(), error);
                        LOG.error("delivery to {} dead-lettered after {} attempt(s): {}", receiverName, failures, error);
                        if (recovered != null) {
                            // The earlier success's resolve must not land after, and so close, this new alert.
                            await(recovered);
                        }
                        metaAlerts.deliveryFailing(receiverName, error);
                        dead++;
                        receiverFailed = result.retryable();
                    }
                    if (receiverFailed) {
                        // Its receiver just failed: the rest, claimed-ahead items too, try again after the same
                        // backoff, without spending an attempt.
                        List<OutboxItem> rest = new ArrayList<>(items.subList(i + 1, items.size()));
                        rest.addAll(takeBack(ahead));
                        ahead = null;
                        store.defer(rest, runner, clock.millis() + retry.backoffMillis(1));
                        break;
                    }
                }
                marks.flush();
                if (unsentFrom < items.size()) {
                    List<OutboxItem> rest = new ArrayList<>(items.subList(unsentFrom, items.size()));
                    // Later items must not overtake the unsent rest: the claimed-ahead batch goes back too.
                    rest.addAll(takeBack(ahead));
                    ahead = null;
                    store.release(rest, runner);
                    LOG.debug("released {} unsent item(s) of {} before their claim ran out", rest.size(), receiverName);
                } else if (!batch.more()) {
                    // Nothing else was due when this batch was claimed: no last claim that finds nothing. Whatever
                    // came due since goes out with the next pass.
                    break;
                }
            }
            if (ahead != null) {
                store.release(takeBack(ahead), runner);
                ahead = null;
            }
        } finally {
            if (ahead != null) {
                // Failed mid-way: give back what was claimed ahead rather than leave it claimed until expiry.
                try {
                    store.release(takeBack(ahead), runner);
                } catch (RuntimeException e) {
                    LOG.warn("could not release claimed-ahead items of {}: {}", receiverName, redactor.redact(String.valueOf(e)));
                }
            }
            if (prepared != null) {
                // Done before the pass's closeIdle, so a connection opened for nothing is closed with the rest.
                awaitQuietly(prepared);
            }
            // Delivered items are marked whatever happened after them, and before this worker returns.
            marks.finish();
            if (recovered != null) {
                await(recovered);
            }
        }
        return new DispatchResult(sent, retried, dead);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the outbox", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Preparing is best effort: the delivery meets and reports the same failure.
        }
    }

    private static List<OutboxItem> takeBack(Future<Claim> ahead) {
        return ahead == null ? List.of() : await(ahead).items();
    }

    /**
     * Delivered items waiting to be marked SENT: one UPDATE per claim batch or per {@link #MARK_SENT_EVERY_NANOS}
     * instead of one commit per message, written by another thread while the next messages go out. At most one
     * mark is in flight, and it starts when a synchronous one would, so it lands no later than one would. A crash
     * in between only re-sends those items after the claim expires (at least once); a late mark is harmless
     * because the claim still holds them.
     */
    private final class SentMarks {
        private final String runner;
        private final List<OutboxItem> pending = new ArrayList<>();
        private long oldest;
        private Future<?> inFlight;

        SentMarks(String runner) {
            this.runner = runner;
        }

        void add(OutboxItem item) {
            if (pending.isEmpty()) {
                oldest = System.nanoTime();
            }
            pending.add(item);
            if (System.nanoTime() - oldest >= MARK_SENT_EVERY_NANOS) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<OutboxItem> batch = List.copyOf(pending);
            pending.clear();
            awaitInFlight();
            inFlight = workers.submit(() -> store.markSent(batch, runner, clock.millis()));
        }

        void finish() {
            flush();
            awaitInFlight();
        }

        private void awaitInFlight() {
            if (inFlight != null) {
                Future<?> f = inFlight;
                inFlight = null;
                await(f);
            }
        }
    }

    private DeliveryResult deliver(Integration receiver, OutboxItem item) {
        Notification notification;
        try {
            notification = json.readValue(item.payload(), Notification.class);
        } catch (Exception e) {
            return DeliveryResult.permanent("unreadable outbox payload: " + e.getClass().getSimpleName());
        }
        try {
            return receiver.notifier().deliver(notification);
        } catch (RuntimeException e) {
            return DeliveryResult.retry(receiver.key() + " failed: " + e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void close() {
        workers.shutdownNow();
    }
}
