package dev.vigil.notify;

import dev.vigil.core.silence.SilenceService;
import dev.vigil.notify.testing.AlertFixture.Spec;
import jakarta.inject.Inject;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepeatAndAckTest extends NotifyScenario {

    @Inject
    SilenceService silences;

    @Test
    void aCriticalAlertRepeatsHourlyUntilAcknowledged() throws Exception {
        long id = alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        assertEquals(1, slack.requests().size());

        clock.advance(Duration.ofMinutes(29));
        notify.runOnce();
        assertEquals(1, slack.requests().size(), "no repeat before the interval");

        clock.advance(Duration.ofMinutes(31));
        notify.runOnce();
        assertEquals(2, slack.requests().size(), "repeat after 1h");
        assertTrue(slack.requests().get(1).body().contains("REMINDER"));

        alerts.acknowledge(id);
        clock.advance(Duration.ofHours(3));
        notify.runOnce();
        notify.runOnce();
        assertEquals(2, slack.requests().size(), "nothing after ack");
    }

    @Test
    void aWarningRepeatsAfterTwelveHours() {
        alerts.fire(Spec.of("web-01", "HighSwapUsage", "warning", 90, 80));
        notifyAfterGroupWait();
        clock.advance(Duration.ofHours(11));
        notify.runOnce();
        assertEquals(COPIES_PER_EMAIL, mails().length);
        clock.advance(Duration.ofHours(1));
        notify.runOnce();
        assertEquals(2 * COPIES_PER_EMAIL, mails().length);
    }

    @Test
    void aSilencedAlertIsNeverNotifiedNorRepeated() {
        // A real silence through the service the API uses, not a flag on the alert row.
        silences.create(new SilenceService.Request(Map.of("host", "db-01", "alertname", "DiskSpaceLow"), null,
                clock.millis() + Duration.ofDays(1).toMillis(), null, null, "disk swap", "test"));
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 95, 90));
        notifyAfterGroupWait();
        clock.advance(Duration.ofHours(2));
        notify.runOnce();
        assertEquals(0, mails().length);
        assertEquals(0, httpRequests());
    }

    @Test
    void anUnacknowledgedCriticalEscalatesOnceAfterThirtyMinutes() throws Exception {
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        purgeMail();
        clock.advance(Duration.ofMinutes(30));
        notify.runOnce();
        notify.runOnce();
        var mails = mails();
        assertEquals(1, mails.length);
        assertEquals("[oncall-manager@example.com]", Arrays.toString(mails[0].getRecipients(Message.RecipientType.TO)));
        assertTrue(mails[0].getSubject().startsWith("[ESCALATED][CRITICAL] db-01: DatabaseDown"), mails[0].getSubject());
    }
}
