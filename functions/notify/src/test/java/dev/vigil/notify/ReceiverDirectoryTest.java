package dev.vigil.notify;

import dev.vigil.notify.route.ReceiverDirectory;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the receivers API shows and sends, against the real receivers: redacted targets, last deliveries, test sends. */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiverDirectoryTest extends NotifyScenario {

    @Inject
    ReceiverDirectory directory;

    @Test
    void everyReceiverIsListedWithRedactedTargetsAndItsLastDelivery() {
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 1));
        webhookB.answer(500);
        notifyAfterGroupWait();
        Map<String, ReceiverDirectory.ReceiverView> byName = directory.list().stream()
                .collect(Collectors.toMap(ReceiverDirectory.ReceiverView::name, r -> r));
        assertTrue(byName.keySet().containsAll(List.of("email", "escalation-email", "slack", "telegram", "webhook-0", "webhook-1", "null")));
        String all = byName.values().toString();
        for (String secret : List.of(SMTP_PASSWORD, SLACK_SECRET, TELEGRAM_TOKEN, WEBHOOK_SECRET)) {
            assertFalse(all.contains(secret), "secret in " + all);
        }
        ReceiverDirectory.IntegrationView slackView = byName.get("slack").integrations().get(0);
        assertEquals("slack", slackView.kind());
        assertEquals("SENT", slackView.lastDelivery().status());
        assertEquals("FIRING", slackView.lastDelivery().kind());
        ReceiverDirectory.IntegrationView failing = byName.get("webhook-1").integrations().get(0);
        assertEquals("PENDING", failing.lastDelivery().status(), "retrying");
        assertTrue(failing.lastDelivery().error().contains("answered HTTP 500"), failing.lastDelivery().error());
        assertEquals(List.of(), byName.get("null").integrations());
    }

    @Test
    void aTestSendGoesThroughEachChannelKindAndIsRecorded() throws Exception {
        for (String name : List.of("email", "slack", "telegram", "webhook-0")) {
            ReceiverDirectory.TestReport report = directory.test(name).orElseThrow();
            assertTrue(report.delivered(), report.toString());
        }
        assertEquals("[TEST] vigil: VigilTestMessage", mails()[0].getSubject());
        assertTrue(slack.requests().get(0).body().contains("[TEST] vigil: VigilTestMessage"));
        assertTrue(telegram.requests().get(0).body().contains("VigilTestMessage"));
        assertTrue(webhookA.requests().get(0).body().contains("\"alertname\":\"VigilTestMessage\""));
        assertEquals(4, dev.vigil.core.testing.Sql.count(dataSource, "SELECT COUNT(*) FROM notify_outbox WHERE kind = 'TEST' AND status = 'SENT'"));
        assertTrue(directory.test("no-such-receiver").isEmpty());
        // A test is history, not work: the dispatcher never sends it again.
        notify.runOnce();
        assertEquals(1, slack.requests().size());
    }
}
