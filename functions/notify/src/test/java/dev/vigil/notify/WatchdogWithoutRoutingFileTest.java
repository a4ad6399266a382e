package dev.vigil.notify;

import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a routing file, {@code vigil.notify.watchdog.receivers=webhook-0} sends the Watchdog to that webhook
 * only, every {@code repeat-interval}; email, Slack, Telegram and the other webhook never see it.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchdogWithoutRoutingFileTest extends NotifyScenario {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("vigil.notify.watchdog.enabled", "true", "vigil.notify.watchdog.receivers", "webhook-0",
                "vigil.notify.watchdog.repeat-interval", "2m");
    }

    @Test
    void theDefaultTreeSendsTheWatchdogOnlyToItsReceiver() {
        notify.runOnce();
        clock.advance(Duration.ofSeconds(1));
        notify.runOnce();
        assertEquals(1, webhookA.requests().size());
        assertTrue(webhookA.requests().get(0).body().contains("\"alertname\":\"Watchdog\""), webhookA.requests().get(0).body());
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        notify.runOnce();
        assertEquals(2, webhookA.requests().size(), "every repeat-interval");
        assertEquals(0, webhookB.requests().size() + slack.requests().size() + telegram.requests().size() + mails().length,
                "nobody else");
    }
}
