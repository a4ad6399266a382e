package dev.vigil.notify;

import dev.vigil.core.silence.Silence;
import dev.vigil.core.silence.SilenceService;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import dev.vigil.notify.testing.RecordingReceiver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Muting at send time (issue 10): silences, inhibitions and acks are applied when a group is flushed,
 * so an alert muted at birth is announced exactly once at the first flush after its mute ends, and
 * nothing about it goes out while it is muted.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutingTest extends NotifyScenario {

    @Inject
    SilenceService silences;

    private Silence silence(Map<String, String> matchers, Duration lasting) {
        return silences.create(new SilenceService.Request(matchers, null, clock.millis() + lasting.toMillis(), null, null,
                "maintenance", "test"));
    }

    /** Runs notify over a stretch of time, well past the group wait and the critical repeat interval. */
    private void runFor(Duration total) {
        for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plusMinutes(10)) {
            notify.runOnce();
            clock.advance(Duration.ofMinutes(10));
        }
        notify.runOnce();
    }

    private static long firing(RecordingReceiver r, String rule) {
        return r.requests().stream().filter(q -> q.body().contains("\"status\":\"firing\"") && q.body().contains(rule)).count();
    }

    @Test
    void mutedAtBirthByASilenceThatIsDeletedThenAnnouncedExactlyOnce() {
        Silence s = silence(Map.of("host", "db-01"), Duration.ofDays(1));
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 95, 90));
        runFor(Duration.ofHours(2));
        assertEquals(0, httpRequests(), "nothing while silenced, not even a repeat");
        assertEquals(0, mails().length);

        silences.expire(s.id());
        notify.runOnce();
        assertEquals(1, firing(webhookA, "DiskSpaceLow"), "announced at the first flush after the silence ended");
        assertEquals(1, slack.requests().size());
        assertEquals(COPIES_PER_EMAIL, mails().length);

        clock.advance(Duration.ofSeconds(31));
        notify.runOnce();
        notify.runOnce();
        assertEquals(1, firing(webhookA, "DiskSpaceLow"), "and only once");
    }

    @Test
    void mutedAtBirthByASilenceWhoseEndPassesThenAnnouncedExactlyOnce() {
        silence(Map.of("alertname", "DiskSpaceLow"), Duration.ofMinutes(45));
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 95, 90));
        runFor(Duration.ofMinutes(40));
        assertEquals(0, httpRequests());

        clock.advance(Duration.ofMinutes(6));
        notify.runOnce();
        assertEquals(1, firing(webhookA, "DiskSpaceLow"), "an expired silence unmutes like a deleted one");
        runFor(Duration.ofMinutes(30));
        assertEquals(1, firing(webhookA, "DiskSpaceLow"));
    }

    @Test
    void inhibitedByHostDownAtBirthThenAnnouncedOnceWhenTheHostIsBack() {
        long hostDown = alerts.fire(Spec.of("db-01", "HostDown", "critical", 124, 60));
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 95, 90));
        alerts.fire(Spec.of("web-01", "DiskSpaceLow", "critical", 96, 90));
        runFor(Duration.ofMinutes(20));
        assertEquals(1, firing(webhookA, "HostDown"));
        assertEquals(1, webhookA.requests().stream().filter(q -> q.body().contains("web-01")).count(), "another host is not inhibited");
        assertEquals(0, webhookA.requests().stream().filter(q -> q.body().contains("db-01") && q.body().contains("DiskSpaceLow")).count(),
                "inhibited while HostDown fires");

        alerts.resolve(hostDown, 0, "recovered", "samples arrive again", null);
        notify.runOnce();
        assertEquals(1, webhookA.requests().stream()
                .filter(q -> q.body().contains("\"status\":\"firing\"") && q.body().contains("db-01") && q.body().contains("DiskSpaceLow")).count(),
                "announced at the first flush after the inhibition ended");
        runFor(Duration.ofMinutes(30));
        assertEquals(1, webhookA.requests().stream()
                .filter(q -> q.body().contains("\"status\":\"firing\"") && q.body().contains("db-01") && q.body().contains("DiskSpaceLow")).count());
    }

    @Test
    void aSilenceCreatedWhileFiringStopsItsRepeatsFromTheNextFlush() {
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        assertEquals(1, slack.requests().size());

        silence(Map.of("host", "db-01"), Duration.ofDays(1));
        runFor(Duration.ofHours(3));
        assertEquals(1, slack.requests().size(), "no hourly reminder while silenced");
    }

    @Test
    void anAlertThatResolvesWhileStillMutedAndWasNeverAnnouncedSendsNothing() {
        Silence s = silence(Map.of("host", "db-01"), Duration.ofDays(1));
        long id = alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 95, 90));
        runFor(Duration.ofMinutes(20));
        alerts.resolve(id, 70, "recovered", "back to 70% (threshold 90%)", "70%");
        runFor(Duration.ofMinutes(20));
        silences.expire(s.id());
        runFor(Duration.ofMinutes(20));
        assertEquals(0, httpRequests());
        assertEquals(0, mails().length);
    }

    @Test
    void silencesMatchTheHostLabelsEvaluationCopiedOntoTheAlertOrTheHostsOwn() {
        silence(Map.of("team", "db"), Duration.ofDays(1));
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 95, 90).hostLabels(Map.of("team", "db")));
        int registered = alerts.host("db-02", Map.of("team", "db"));
        alerts.fire(Spec.of("db-02", "DiskSpaceLow", "critical", 95, 90), registered);
        alerts.fire(Spec.of("web-01", "DiskSpaceLow", "critical", 95, 90).hostLabels(Map.of("team", "web")));
        runFor(Duration.ofMinutes(20));
        assertEquals(1, webhookA.requests().size());
        assertEquals(1, firing(webhookA, "web-01"), "only the host of another team is announced");
    }

    @Test
    void anAcknowledgedAlertIsNotRepeatedButItsResolutionIsStillSent() {
        long id = alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 0));
        notifyAfterGroupWait();
        alerts.acknowledge(id);
        runFor(Duration.ofHours(2));
        assertEquals(1, webhookA.requests().size());
        alerts.resolve(id, 1, "recovered", "back to 1 (threshold 0)", "up");
        runFor(Duration.ofMinutes(1));
        assertEquals(2, webhookA.requests().size());
        assertEquals(1, webhookA.requests().stream().filter(q -> q.body().contains("\"status\":\"resolved\"")).count());
    }
}
