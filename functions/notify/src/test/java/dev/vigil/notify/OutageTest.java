package dev.vigil.notify;

import dev.vigil.core.testing.LogCapture;
import dev.vigil.core.testing.Sql;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageTest extends NotifyScenario {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("vigil.notify.max-attempts", "4");
    }

    @Test
    void emailsQueuedWhileSmtpIsDownAreEachDeliveredOnceWhenItReturns() {
        stopSmtp();
        try {
            for (int i = 1; i <= 5; i++) {
                alerts.fire(Spec.of("host-" + i, "HighMemoryUsage", "warning", 96, 85));
            }
            notifyAfterGroupWait();
            clock.advance(Duration.ofSeconds(10));
            notify.runOnce();
        } finally {
            startSmtp();
        }
        assertEquals(5, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'PENDING'"));
        clock.advance(Duration.ofMinutes(1));
        notify.runOnce();
        notify.runOnce();
        assertEquals(5 * COPIES_PER_EMAIL, mails().length);
        assertEquals(5, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'SENT'"));
    }

    @Test
    void aWebhookAnswering500ThenOkIsRetriedAndSucceedsExactlyOnce() {
        webhookA.answer(500);
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        assertEquals(1, webhookA.requests().size());
        assertEquals(0, webhookA.successes());
        assertEquals(1, webhookB.successes(), "the other webhook is not held up");
        clock.advance(Duration.ofSeconds(10));
        notify.runOnce();
        notify.runOnce();
        assertEquals(2, webhookA.requests().size());
        assertEquals(1, webhookA.successes());
        // The history shows the failure and the final delivery: one item, sent on its second attempt, its error kept.
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE receiver = 'webhook-0' AND status = 'SENT'"
                + " AND attempts = 2 AND last_error LIKE '%answered HTTP 500%'"));
    }

    @Test
    void afterTheRetryBudgetTheItemIsDeadLetteredAndNotificationDeliveryFailingFires() {
        webhookA.answer(500, 500, 500, 500);
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        // Attempt 1 above, attempts 2-4 here (backoff 10 s, 20 s, 40 s): the fourth failure dead-letters.
        try (LogCapture log = LogCapture.of("dev.vigil.notify.outbox")) {
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(2));
                notify.runOnce();
            }
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("dead-lettered after 4 attempt(s)")), log.messages().toString());
        }
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE status = 'DEAD' AND receiver = 'webhook-0'"));
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM alerts WHERE rule = 'NotificationDeliveryFailing' AND host = 'vigil'"
                + " AND state = 'firing' AND labels = '{\"receiver\":\"webhook-0\"}'"));
        // The meta-alert itself reaches the critical receivers; its success on webhook-0 resolves it.
        clock.advance(Duration.ofSeconds(31));
        notify.runOnce();
        clock.advance(Duration.ofSeconds(31));
        notify.runOnce();
        assertEquals(1, slack.requests().stream()
                .filter(r -> r.body().contains("[CRITICAL] vigil: NotificationDeliveryFailing")).count());
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM alerts WHERE rule = 'NotificationDeliveryFailing' AND state = 'resolved'"));
    }
}
