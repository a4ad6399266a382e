package dev.vigil.notify;

import dev.vigil.core.testing.Sql;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Honest resolutions and readable values (issue 10): evaluation fills value_text, threshold_text,
 * resolution and resolution_text (written here as it does); messages show them, and never show a
 * stale bad value as if the problem were fixed.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolutionMessagesTest extends NotifyScenario {

    @Inject
    ObjectMapper json;

    @Test
    void aRecoveryReadsBackToTheValueInTheSubjectBodyAndWebhook() throws Exception {
        long id = alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 93.1, 90).texts("93.1%", "90%"));
        notifyAfterGroupWait();
        purgeMail();
        alerts.resolve(id, 71.2, "recovered", "back to 71.2% (threshold 90%)", "71.2%");
        notifyAfterGroupWait();

        MimeMessage mail = mails()[0];
        assertEquals("[RESOLVED] db-01: DiskSpaceLow (back to 71.2%)", mail.getSubject());
        assertTrue(EmailContentTest.part(mail, "text/plain").contains("resolution: back to 71.2% (threshold 90%)"));
        Map<String, String> annotations = webhookAnnotations(1);
        assertEquals("back to 71.2% (threshold 90%)", annotations.get("resolution"));
        assertEquals("recovered", annotations.get("resolution_reason"));
    }

    @Test
    void noDataIsNeverAnAllClear() throws Exception {
        long id = alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 93.1, 90).texts("93.1%", "90%"));
        notifyAfterGroupWait();
        purgeMail();
        alerts.resolve(id, 93.1, "no_data", "no data since 14:02 UTC (last value 93.1%)", null);
        notifyAfterGroupWait();

        MimeMessage mail = mails()[0];
        assertEquals("[RESOLVED – NO DATA] db-01: DiskSpaceLow (no data since 14:02 UTC)", mail.getSubject());
        String text = EmailContentTest.part(mail, "text/plain");
        assertTrue(text.contains("resolution: no data since 14:02 UTC (last value 93.1%)"), text);
        Map<String, String> annotations = webhookAnnotations(1);
        assertEquals("no data since 14:02 UTC (last value 93.1%)", annotations.get("resolution"));
        assertEquals("no_data", annotations.get("resolution_reason"));
        assertTrue(slack.requests().get(1).body().contains("RESOLVED – NO DATA"), slack.requests().get(1).body());
    }

    @Test
    void subjectsShowTheValueInTheRulesUnit() throws Exception {
        alerts.fire(Spec.of("db-01", "DiskFreeLow", "critical", 3.2 * (1L << 30), 5.0 * (1L << 30)).texts("3.2 GiB free", "5 GiB"));
        notifyAfterGroupWait();
        assertEquals("[CRITICAL] db-01: DiskFreeLow (3.2 GiB free)", mails()[0].getSubject());
        purgeMail();
        alerts.fire(Spec.of("web-01", "HostDown", "critical", 124.02, 60).texts("no data for 2m 4s", "1m"));
        notifyAfterGroupWait();
        assertEquals("[CRITICAL] web-01: HostDown (no data for 2m 4s)", mails()[0].getSubject());
    }

    @Test
    void aMetaAlertWithoutValueOrThresholdReadsCleanly() throws Exception {
        Sql.execute(dataSource, "INSERT INTO alerts (fingerprint, open_fingerprint, rule, host, labels, severity, state, summary, starts_at, firing_at,"
                    + " updated_at) VALUES ('" + "a".repeat(32) + "', '" + "a".repeat(32) + "', 'VigilEvaluationStale', 'vigil', '{}',"
                    + " 'critical', 'firing', 'evaluation stopped', " + clock.millis() + ", " + clock.millis() + ", " + clock.millis() + ")");
        notifyAfterGroupWait();
        MimeMessage mail = mails()[0];
        assertEquals("[CRITICAL] vigil: VigilEvaluationStale", mail.getSubject());
        String text = EmailContentTest.part(mail, "text/plain");
        assertFalse(text.contains("threshold"), text);
        assertFalse(text.contains(" - "), text);
        assertFalse(slack.requests().get(0).body().contains("threshold -"), slack.requests().get(0).body());
    }

    @Test
    void aMessageListsAtMostFiftyAlertsAndLinksTheRest() throws Exception {
        for (int i = 0; i < 53; i++) {
            alerts.fire(Spec.of("db-01", "CheckFailed", "critical", 0, 1).labels(Map.of("check", "check-" + i)).texts("exit status 1", "0"));
        }
        notifyAfterGroupWait();
        MimeMessage mail = mails()[0];
        assertEquals("[CRITICAL] db-01: CheckFailed (exit status 1) and 52 more", mail.getSubject());
        String text = EmailContentTest.part(mail, "text/plain");
        assertEquals(50, text.split("\\* CheckFailed").length - 1, "50 alerts listed");
        assertTrue(text.contains("… and 3 more alerts: https://vigil.example/#/alerts?host=db-01"), text);
        Map<String, Object> body = json.readValue(webhookA.requests().get(0).body(), Argument.mapOf(String.class, Object.class));
        assertEquals(3, ((Number) body.get("truncatedAlerts")).intValue());
        assertEquals(50, ((List<?>) body.get("alerts")).size());
        assertTrue(telegram.requests().get(0).body().contains("more"), telegram.requests().get(0).body());
        // The history records every alert the message told about, listed or counted.
        assertEquals(53, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox_alert oa JOIN notify_outbox o ON o.id = oa.outbox_id"
                + " WHERE o.receiver = 'webhook-0'"));
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE receiver = 'webhook-0' AND target LIKE '%/***'"
                + " AND target NOT LIKE '%" + WEBHOOK_SECRET + "%'"), "the target is stored with its secret path redacted");
        assertTrue(Arrays.stream(mails()).allMatch(m -> {
            try {
                return m.getSize() < 200_000;
            } catch (Exception e) {
                return false;
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> webhookAnnotations(int request) throws Exception {
        Map<String, Object> body = json.readValue(webhookA.requests().get(request).body(), Argument.mapOf(String.class, Object.class));
        assertEquals("resolved", body.get("status"));
        return (Map<String, String>) ((List<Map<String, Object>>) body.get("alerts")).get(0).get("annotations");
    }
}
