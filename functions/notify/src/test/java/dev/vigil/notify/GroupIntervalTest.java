package dev.vigil.notify;

import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alertmanager's group_interval: after a host's group message, its next new alerts are batched until the interval passes. */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupIntervalTest extends NotifyScenario {

    @Test
    void newAlertsWithinTheGroupIntervalGoOutTogetherWhenItEnds() {
        assertEquals(Duration.ofMinutes(5), NotifyProperties.DEFAULT_GROUP_INTERVAL);
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        assertEquals(1, webhookA.requests().size());

        // 1 min and 2 min after the group message: each would have paged after its own 30 s group wait.
        clock.advance(Duration.ofMinutes(1));
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 97, 95));
        notifyAfterGroupWait();
        alerts.fire(Spec.of("db-01", "HighMemoryUsage", "critical", 99, 95));
        notifyAfterGroupWait();
        assertEquals(1, webhookA.requests().size(), "held until the group interval ends");

        // Another host is its own group.
        alerts.fire(Spec.of("web-01", "HighCpuUsage", "critical", 99, 95));
        notifyAfterGroupWait();
        assertEquals(2, webhookA.requests().size());
        assertTrue(webhookA.requests().get(1).body().contains("web-01"));

        // Now 2m33s after the group message: still held, then released once 5 min have passed.
        clock.advance(Duration.ofMinutes(2));
        notify.runOnce();
        assertEquals(2, webhookA.requests().size());
        clock.advance(Duration.ofSeconds(30));
        notify.runOnce();
        assertEquals(3, webhookA.requests().size(), "one message for both held alerts, 5 min after the first");
        String batched = webhookA.requests().get(2).body();
        assertTrue(batched.contains("DiskSpaceLow") && batched.contains("HighMemoryUsage") && !batched.contains("DatabaseDown"), batched);
    }

    @Test
    void afterAQuietGroupIntervalANewAlertOnlyWaitsTheGroupWait() {
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        clock.advance(Duration.ofMinutes(6));
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 97, 95));
        notifyAfterGroupWait();
        assertEquals(2, webhookA.requests().size());
    }

    @Test
    void aWarningBecomingCriticalIsNotHeldBecauseItReachesReceiversTheLastMessageDidNot() {
        long id = alerts.fire(Spec.of("db-02", "HighCpuUsage", "warning", 85, 80));
        notifyAfterGroupWait();
        assertEquals(0, slack.requests().size());
        alerts.changeSeverity(id, "critical", 95);
        notifyAfterGroupWait();
        assertEquals(1, slack.requests().size());
    }

    @Test
    void resolvedMessagesAreNotHeld() {
        long id = alerts.fire(Spec.of("db-03", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        alerts.resolve(id, 1);
        notifyAfterGroupWait();
        assertEquals(2, webhookA.requests().size());
        assertTrue(webhookA.requests().get(1).body().contains("\"status\":\"resolved\""), webhookA.requests().get(1).body());
    }
}
