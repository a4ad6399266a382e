package dev.vigil.notify;

import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given the watchdog turned on and the documented dead-man's-switch route (alertname="Watchdog" to a webhook,
 * repeat every 5 minutes), notify runs deliver it to a loopback webhook receiver in the Alertmanager format,
 * severity info, again after each repeat interval; the root receiver (email) never sees it.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchdogTest extends NotifyScenario {

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("alertmanager-watchdog", ".yml");
            Files.writeString(file, """
                    route:
                      receiver: ops
                      group_by: [host]
                      routes:
                        - matchers: ['alertname="Watchdog"']
                          receiver: deadmans-switch
                          group_wait: 0s
                          group_interval: 1m
                          repeat_interval: 5m
                    receivers:
                      - name: ops
                        email_configs:
                          - to: ops@example.org
                      - name: deadmans-switch
                        webhook_configs:
                          - url: %s
                    """.formatted(webhookA.url("/ping/" + WEBHOOK_SECRET)));
            return Map.of("vigil.notify.config-file", file.toString(), "vigil.notify.watchdog.enabled", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theWatchdogReachesTheDeadMansSwitchAndRepeatsAsAHeartbeat() {
        notify.runOnce();
        clock.advance(Duration.ofSeconds(1));
        notify.runOnce();
        assertEquals(1, webhookA.requests().size(), "the first heartbeat");
        String body = webhookA.requests().get(0).body();
        assertTrue(body.contains("\"version\":\"4\""), body);
        assertTrue(body.contains("\"alertname\":\"Watchdog\""), body);
        assertTrue(body.contains("\"severity\":\"info\""), body);
        assertTrue(body.contains("\"status\":\"firing\""), body);
        assertTrue(body.contains("\"receiver\":\"deadmans-switch\""), body);

        clock.advance(Duration.ofMinutes(2));
        notify.runOnce();
        assertEquals(1, webhookA.requests().size(), "not before the repeat interval");
        clock.advance(Duration.ofMinutes(4));
        notify.runOnce();
        assertEquals(2, webhookA.requests().size(), "a heartbeat every repeat_interval");
        assertEquals(0, mails().length, "the root receiver never gets it");
    }
}
