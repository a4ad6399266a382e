package dev.vigil.notify;

import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.outbox.OutboxDispatcher;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A claim covers more slow deliveries than fit in its TTL: the runner must stop before its claim runs
 * out and hand the rest back, instead of sending items another runner has meanwhile re-claimed.
 * Short TTL and timeouts keep it to a few seconds: HTTP 200 ms + 600 ms timeouts + 1 s allowance = a
 * 1.8 s margin, so each 4 s claim has 2.2 s for starting deliveries.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowReceiverClaimTest extends NotifyScenario {

    static final Duration CLAIM_TTL = Duration.ofSeconds(4);
    static final Duration SLOW = Duration.ofMillis(200);

    @Inject
    NotificationPlanner planner;
    @Inject
    OutboxDispatcher dispatcher;
    @Inject
    NotifyProperties properties;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "vigil.notify.claim-ttl", CLAIM_TTL.toMillis() + "ms",
                "vigil.notify.delivery-timeout", "300ms",
                "vigil.notify.http.connect-timeout", "200ms",
                "vigil.notify.http.request-timeout", "600ms");
    }

    /** Fires one critical alert per host and plans their messages (one per host for each receiver). */
    private void planOneMessagePerHost(int hosts) {
        for (int i = 0; i < hosts; i++) {
            alerts.fire(Spec.of("host-" + i, "DatabaseDown", "critical", 0, 0));
        }
        notify.runOnce();
        clock.advance(Duration.ofSeconds(31));
        planner.plan();
    }

    @Test
    void aClaimLongerThanItsTtlIsHandedBackNotSentTwice() throws Exception {
        int hosts = 24; // 24 x 200 ms = 4.8 s of deliveries in one claim of 4 s
        planOneMessagePerHost(hosts);
        webhookA.delay(SLOW);

        // The clock now runs with real time, so the other runner sees the first one's claim expire.
        AtomicBoolean ticking = new AtomicBoolean(true);
        Instant base = clock.instant();
        long started = System.nanoTime();
        CompletableFuture<Void> ticker = CompletableFuture.runAsync(() -> {
            while (ticking.get()) {
                clock.set(base.plusMillis((System.nanoTime() - started) / 1_000_000));
                sleep(5);
            }
        });
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(dispatcher::dispatch);
            sleep(100);
            // A second runner keeps polling, like overlapping scheduled runs: it takes whatever is free or expired.
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (webhookA.successes() < hosts && System.nanoTime() - giveUp < 0) {
                dispatcher.dispatch();
                sleep(50);
            }
            first.get();
            // A few more passes after everything was sent: anything still (wrongly) due would go out again here.
            sleep((int) SLOW.toMillis());
            dispatcher.dispatch();
        } finally {
            ticking.set(false);
            ticker.get();
        }

        var bodies = new HashSet<String>();
        webhookA.requests().forEach(r -> bodies.add(r.body()));
        assertEquals(hosts, bodies.size(), "every message arrived");
        assertEquals(hosts, webhookA.requests().size(), "no message arrived twice");
        assertEquals(hosts, count("SELECT COUNT(*) FROM notify_outbox WHERE receiver = 'webhook-0' AND status = 'SENT'"));
        assertEquals(hosts, count("SELECT COUNT(*) FROM notify_outbox WHERE receiver = 'webhook-0' AND attempts = 1"),
                "each item was sent with one attempt");
    }

    @Test
    void aSpentRunBudgetHandsTheRestBackForTheNextRunAtOnce() throws Exception {
        int hosts = 10;
        planOneMessagePerHost(hosts);
        webhookA.delay(SLOW);
        Duration budget = properties.getRunBudget();
        properties.setRunBudget(Duration.ofMillis(700));
        try {
            dispatcher.dispatch();
            int firstRun = webhookA.requests().size();
            assertTrue(firstRun > 0 && firstRun < hosts, "the budget stopped the first run part-way: " + firstRun);
            assertEquals(hosts - firstRun, count("SELECT COUNT(*) FROM notify_outbox WHERE receiver = 'webhook-0'"
                    + " AND status = 'PENDING' AND claimed_by IS NULL AND claim_until IS NULL AND attempts = 0"),
                    "the unsent rest is released, not left claimed");
            // The clock has not moved: without the release the next run would wait for the claim to expire.
            dispatcher.dispatch();
            assertTrue(webhookA.requests().size() > firstRun, "the next run continues at once");
        } finally {
            properties.setRunBudget(budget);
        }
        while (count("SELECT COUNT(*) FROM notify_outbox WHERE status = 'PENDING'") > 0) {
            dispatcher.dispatch();
        }
        assertEquals(hosts, webhookA.requests().size());
        assertEquals(hosts, new HashSet<>(webhookA.requests().stream().map(r -> r.body()).toList()).size());
    }

    private long count(String sql) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
