package dev.vigil.notify;

import dev.vigil.notify.route.RoutingSource;
import dev.vigil.notify.testing.AlertFixture.Spec;
import dev.vigil.notify.testing.NotifyScenario;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same alerts through a pasted Alertmanager-format file: they reach the receivers its route
 * tree names, {@code continue} fans out, per-route timings hold, and a file that breaks on reload
 * keeps the last good routing. SMTP comes from the environment: the file is silent about it.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingFileTest extends NotifyScenario {

    Path file;

    @Inject
    RoutingSource routing;

    String config(String dbPagerWait) {
        return """
                global:
                  smtp_from: alertmanager@example.org
                  resolve_timeout: 5m
                route:
                  receiver: ops
                  group_by: [host]
                  group_wait: 30s
                  group_interval: 5m
                  repeat_interval: 4h
                  routes:
                    - matchers: ['env="staging"']
                      receiver: blackhole
                    - matchers: ['team="db"']
                      receiver: db-pager
                      group_wait: %s
                      repeat_interval: 1h
                      continue: true
                    - matchers: ['severity=~"crit.*"']
                      receiver: chat
                    - matchers: ['alertname="BackupLate"']
                      receiver: db-pager
                      active_time_intervals: [business-hours]
                receivers:
                  - name: ops
                    email_configs:
                      - to: ops@example.org
                        send_resolved: true
                  - name: db-pager
                    webhook_configs:
                      - url: %s
                  - name: chat
                    slack_configs:
                      - api_url: %s
                    telegram_configs:
                      - bot_token: '%s'
                        chat_id: -42
                        api_url: %s
                  - name: blackhole
                time_intervals:
                  - name: business-hours
                    time_intervals:
                      - weekdays: ['monday:friday']
                        times: [{start_time: '09:00', end_time: '17:00'}]
                inhibit_rules:
                  - source_matchers: [alertname="HostDown"]
                    target_matchers: [alertname!="HostDown"]
                    equal: [host]
                """.formatted(dbPagerWait, webhookA.url("/hooks/" + WEBHOOK_SECRET), slack.url("/services/T/B/" + SLACK_SECRET),
                TELEGRAM_TOKEN, telegram.url(""));
    }

    @Override
    protected Map<String, String> extraProperties() {
        try {
            file = Files.createTempFile("alertmanager", ".yml");
            Files.writeString(file, config("10s"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("vigil.notify.config-file", file.toString());
    }

    @BeforeEach
    void goodFile() throws IOException {
        Files.writeString(file, config("10s"));
        routing.current();
    }

    @Test
    void aDbTeamWarningPagesTheDbPagerAfterItsOwnGroupWaitAndRepeatsHourly() throws Exception {
        alerts.fire(Spec.of("db-01", "HighCpuUsage", "warning", 85, 80).hostLabels(Map.of("team", "db")));
        notify.runOnce();
        clock.advance(Duration.ofSeconds(5));
        notify.runOnce();
        assertEquals(0, webhookA.requests().size(), "not before the route's 10 s group wait");
        clock.advance(Duration.ofSeconds(6));
        notify.runOnce();
        assertEquals(1, webhookA.requests().size());
        assertTrue(webhookA.requests().get(0).body().contains("\"groupKey\":\"{}/{team=\\\"db\\\"}/1:{host=\\\"db-01\\\"}\""),
                webhookA.requests().get(0).body());
        assertTrue(webhookA.requests().get(0).body().contains("\"receiver\":\"db-pager\""));
        clock.advance(Duration.ofHours(1));
        notify.runOnce();
        assertEquals(2, webhookA.requests().size(), "the route's repeat_interval of 1h");
        assertEquals(0, slack.requests().size() + telegram.requests().size() + mails().length, "no other receiver");
    }

    @Test
    void continueFansACriticalDbAlertOutToTheChatsToo() {
        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 1).hostLabels(Map.of("team", "db")));
        notifyAfterGroupWait();
        assertEquals(1, webhookA.requests().size());
        assertEquals(1, slack.requests().size());
        assertEquals(1, telegram.requests().size());
        assertEquals(0, mails().length, "a matching child takes it from the root");
    }

    @Test
    void whatNoRouteTakesGoesToTheRootWithTheRootsTimings() throws Exception {
        alerts.fire(Spec.of("web-01", "HighCpuUsage", "warning", 85, 80).hostLabels(Map.of("team", "web")));
        notify.runOnce();
        clock.advance(Duration.ofSeconds(11));
        notify.runOnce();
        assertEquals(0, mails().length, "the root waits its 30 s");
        clock.advance(Duration.ofSeconds(20));
        notify.runOnce();
        assertEquals(1, mails().length);
        assertEquals("[ops@example.org]", Arrays.toString(mails()[0].getRecipients(Message.RecipientType.TO)));
        assertEquals("alertmanager@example.org", mails()[0].getFrom()[0].toString(), "smtp_from from the file, SMTP server from the environment");
        clock.advance(Duration.ofHours(1));
        notify.runOnce();
        assertEquals(1, mails().length, "the root repeats after 4h, not 1h");
        clock.advance(Duration.ofHours(3));
        notify.runOnce();
        assertEquals(2, mails().length);
        assertEquals(0, httpRequests());
    }

    @Test
    void aRouteOutsideItsActiveTimeIntervalHoldsItsAlertsUntilTheIntervalBegins() {
        // The scenario starts on Saturday 2026-11-21 10:00 UTC.
        alerts.fire(Spec.of("db-01", "BackupLate", "warning", 30, 26));
        notifyAfterGroupWait();
        clock.advance(Duration.ofHours(40));
        notify.runOnce();
        assertEquals(0, webhookA.requests().size(), "held over the weekend");
        clock.set(java.time.Instant.parse("2026-11-23T09:00:05Z"));
        notify.runOnce();
        assertEquals(1, webhookA.requests().size(), "sent when business hours begin on Monday");
    }

    @Test
    void stagingGoesNowhere() {
        alerts.fire(Spec.of("st-01", "DatabaseDown", "critical", 0, 1).hostLabels(Map.of("env", "staging", "team", "db")));
        notifyAfterGroupWait();
        clock.advance(Duration.ofHours(2));
        notify.runOnce();
        assertEquals(0, httpRequests() + mails().length);
    }

    @Test
    void aFileThatBreaksOnReloadKeepsTheLastGoodRoutingUntilItIsFixed() throws Exception {
        assertNull(routing.lastError());
        Files.writeString(file, config("10s").replace("  group_interval: 5m\n", "  group_interval: 5m\n  group_intervall: 5m\n"));
        assertTrue(routing.lastError().contains("line 9: group_intervall: unknown key in route"), routing.lastError());

        alerts.fire(Spec.of("db-01", "DatabaseDown", "critical", 0, 1).hostLabels(Map.of("team", "db")));
        notifyAfterGroupWait();
        assertEquals(1, webhookA.requests().size(), "the last good routing is still in force");

        Files.writeString(file, config("10s").replace("receiver: db-pager\n", "receiver: chat\n"));
        assertNull(routing.lastError(), "fixed: the new file is in force");
        alerts.fire(Spec.of("db-02", "DatabaseDown", "critical", 0, 1).hostLabels(Map.of("team", "db")));
        notifyAfterGroupWait();
        assertEquals(1, webhookA.requests().size(), "db-02 no longer pages the db-pager");
    }
}
