package dev.vigil.notify;

import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingTest extends NotifyScenario {

    @Inject
    ObjectMapper json;

    @Test
    void aWarningGoesToEmailOnly() {
        alerts.fire(Spec.of("web-01", "HighCpuUsage", "warning", 85.2, 80));
        notifyAfterGroupWait();
        assertEquals(COPIES_PER_EMAIL, mails().length);
        assertEquals(0, httpRequests());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCriticalGoesToEmailAndEveryChatAndWebhookReceiverInTheirOwnShapes() throws Exception {
        alerts.fire(Spec.of("db-01", "DiskSpaceLow", "critical", 93.1, 90).texts("93.1%", "90%").labels(Map.of("mount", "/"))
                .runbook("Free space: journalctl --vacuum-size=1G"));
        notifyAfterGroupWait();

        assertEquals(COPIES_PER_EMAIL, mails().length);
        assertEquals(1, slack.requests().size());
        assertEquals(1, telegram.requests().size());
        assertEquals(1, webhookA.requests().size());
        assertEquals(1, webhookB.requests().size());

        Map<String, Object> am = json.readValue(webhookA.requests().get(0).body(), Argument.mapOf(String.class, Object.class));
        assertEquals("/hooks/" + WEBHOOK_SECRET, webhookA.requests().get(0).path());
        assertEquals("4", am.get("version"));
        // Alertmanager's group key: the route (matchers and position) and the group labels.
        assertEquals("{}/{severity=\"critical\"}/3:{host=\"db-01\"}", am.get("groupKey"));
        assertEquals("firing", am.get("status"));
        assertEquals("webhook-0", am.get("receiver"));
        assertEquals(0, ((Number) am.get("truncatedAlerts")).intValue());
        assertEquals(Map.of("host", "db-01"), am.get("groupLabels"));
        assertEquals(Map.of("alertname", "DiskSpaceLow", "host", "db-01", "severity", "critical", "mount", "/"), am.get("commonLabels"));
        assertEquals("https://vigil.example", am.get("externalURL"));
        Map<String, Object> alert = ((List<Map<String, Object>>) am.get("alerts")).get(0);
        assertEquals("firing", alert.get("status"));
        assertEquals(Map.of("alertname", "DiskSpaceLow", "host", "db-01", "severity", "critical", "mount", "/"), alert.get("labels"));
        assertEquals(Map.of("summary", "DiskSpaceLow on db-01", "description", "Free space: journalctl --vacuum-size=1G",
                "runbook_url", "https://runbooks.example/DiskSpaceLow", "value", "93.1%", "threshold", "90%"), alert.get("annotations"));
        assertEquals("2026-11-21T10:00:00Z", alert.get("startsAt"));
        assertEquals("0001-01-01T00:00:00Z", alert.get("endsAt"));
        assertEquals(32, ((String) alert.get("fingerprint")).length());
        assertEquals("webhook-1", json.readValue(webhookB.requests().get(0).body(), Map.class).get("receiver"));

        Map<String, Object> sl = json.readValue(slack.requests().get(0).body(), Argument.mapOf(String.class, Object.class));
        assertEquals("/services/T0/B0/" + SLACK_SECRET, slack.requests().get(0).path());
        assertEquals("[CRITICAL] db-01: DiskSpaceLow (93.1%)", sl.get("text"));
        Map<String, Object> attachment = ((List<Map<String, Object>>) sl.get("attachments")).get(0);
        assertEquals("#d50000", attachment.get("color"));
        assertEquals("[CRITICAL] db-01: DiskSpaceLow (93.1%)", attachment.get("title"));
        assertTrue(((String) attachment.get("text")).contains("<https://runbooks.example/DiskSpaceLow|runbook>"));

        Map<String, Object> tg = json.readValue(telegram.requests().get(0).body(), Argument.mapOf(String.class, Object.class));
        assertEquals("/bot" + TELEGRAM_TOKEN + "/sendMessage", telegram.requests().get(0).path());
        assertEquals("-100200300", tg.get("chat_id"));
        assertEquals("HTML", tg.get("parse_mode"));
        assertEquals(true, tg.get("disable_web_page_preview"));
        assertTrue(((String) tg.get("text")).startsWith("🔴 <b>[CRITICAL] db-01: DiskSpaceLow (93.1%)</b>"), (String) tg.get("text"));
    }

    @Test
    void aWarningThatBecomesCriticalReachesTheChatReceiversThenAndResolvedGoesToEveryoneWhoWasTold() {
        long id = alerts.fire(Spec.of("db-02", "HighCpuUsage", "warning", 85, 80));
        notifyAfterGroupWait();
        assertEquals(0, httpRequests());
        alerts.changeSeverity(id, "critical", 95);
        notifyAfterGroupWait();
        assertEquals(1, slack.requests().size());
        alerts.resolve(id, 20);
        notifyAfterGroupWait();
        assertEquals(2, slack.requests().size());
        assertTrue(slack.requests().get(1).body().contains("#2eb886"), "resolved is green");
        assertEquals(3 * COPIES_PER_EMAIL, mails().length);
    }
}
