package dev.vigil.notify.config;

import dev.vigil.notify.route.LabelMatcher;
import dev.vigil.notify.route.Route;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Alertmanager subset: what a pasted file means, and how a file Vigil refuses is named. */
class AlertmanagerConfigParserTest {

    static final String FILE = """
            global:
              smtp_smarthost: smtp.example.org:587
              smtp_from: alertmanager@example.org
              smtp_auth_username: am
              smtp_auth_password: s3cret
              resolve_timeout: 5m
            route:
              receiver: ops
              group_by: [alertname, host]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
              routes:
                - matchers: ['env="staging"']
                  receiver: blackhole
                - matchers:
                    - team = "db"
                    - severity =~ "crit.*"
                  receiver: db-pager
                  group_wait: 10s
                  repeat_interval: 1h
                  continue: true
                  routes:
                    - match_re: {alertname: "Disk.*"}
                      receiver: storage
                - match: {severity: critical}
                  receiver: chat
                  group_by: ['...']
                  mute_time_intervals: [nights]
            receivers:
              - name: ops
                email_configs:
                  - to: 'ops@example.org, dba@example.org'
              - name: db-pager
                webhook_configs:
                  - url: https://pager.example.org/hook/TOKEN123
                alertmanager_configs:
                  - url: http://alertmanager.example.org:9093
              - name: storage
                webhook_configs:
                  - url: https://storage.example.org/hook
                    send_resolved: false
                    max_alerts: 10
              - name: chat
                slack_configs:
                  - api_url: https://hooks.slack.com/services/T/B/X
                    channel: '#alerts'
                telegram_configs:
                  - bot_token: '123:abc'
                    chat_id: -100200
              - name: blackhole
            inhibit_rules:
              - source_matchers: ['alertname="HostDown"']
                target_matchers: ['alertname!="HostDown"']
                equal: [host]
            time_intervals:
              - name: nights
                time_intervals:
                  - times: [{start_time: '22:00', end_time: '24:00'}]
                    weekdays: ['monday:friday']
            """;

    static NotifyConfig parse(String yaml) {
        return AlertmanagerConfigParser.parse(yaml, "alertmanager.yml");
    }

    static Route tree(NotifyConfig c) {
        return Route.build(c.route(), new Route.Defaults(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4)));
    }

    static List<String> receivers(Route root, Map<String, String> labels) {
        return root.match(labels).stream().map(Route::receiver).toList();
    }

    @Test
    void aPastedFileRoutesAsAlertmanagerWould() {
        NotifyConfig c = parse(FILE);
        Route root = tree(c);
        assertEquals(List.of("blackhole"), receivers(root, Map.of("env", "staging", "severity", "critical", "team", "db")));
        assertEquals(List.of("db-pager", "chat"), receivers(root, Map.of("team", "db", "severity", "critical", "alertname", "HighCpuUsage")),
                "continue fans out to the next matching sibling");
        assertEquals(List.of("storage", "chat"), receivers(root, Map.of("team", "db", "severity", "critical", "alertname", "DiskSpaceLow")),
                "the deepest matching route takes it");
        assertEquals(List.of("ops"), receivers(root, Map.of("team", "web", "severity", "warning")), "no child matches: the root");

        Route dbPager = root.children().get(1);
        assertEquals(Duration.ofSeconds(10), dbPager.groupWait());
        assertEquals(Duration.ofHours(1), dbPager.repeatInterval());
        assertEquals(Duration.ofMinutes(5), dbPager.groupInterval(), "inherited");
        Route storage = dbPager.children().get(0);
        assertEquals(Duration.ofSeconds(10), storage.groupWait(), "inherited from its parent, not the root");
        assertEquals(Map.of("alertname", "DiskSpaceLow", "host", "db-01"),
                storage.groupLabels(Map.of("alertname", "DiskSpaceLow", "host", "db-01", "mount", "/")));
        Route chat = root.children().get(2);
        assertEquals(Map.of("alertname", "X", "mount", "/"), chat.groupLabels(Map.of("alertname", "X", "mount", "/")), "'...' groups by all");

        assertEquals(List.of("ops@example.org", "dba@example.org"), c.receivers().get(0).email().get(0).to());
        assertFalse(c.receivers().get(0).email().get(0).sendResolved(), "Alertmanager's email default");
        assertTrue(c.receivers().get(1).webhook().get(0).sendResolved(), "Alertmanager's webhook default");
        assertEquals(10, c.receivers().get(2).webhook().get(0).maxAlerts());
        assertEquals("http://alertmanager.example.org:9093", c.receivers().get(1).alertmanager().get(0).url());
        assertTrue(c.receivers().get(1).alertmanager().get(0).sendResolved(), "an Alertmanager must hear the end");
        assertFalse(c.receivers().get(3).slack().get(0).sendResolved(), "Alertmanager's Slack default");
        assertTrue(c.receivers().get(3).telegram().get(0).sendResolved(), "Alertmanager's Telegram default");
        assertEquals("smtp.example.org:587", c.global().smtpSmarthost());
        assertEquals(Duration.ofMinutes(5), c.global().resolveTimeout());
        assertEquals(List.of("host"), c.inhibitRules().get(0).equal());
    }

    @Test
    void timeIntervalsMuteTheirRoute() {
        NotifyConfig c = parse(FILE);
        Route chat = tree(c).children().get(2);
        assertTrue(chat.mutedAt(Instant.parse("2026-11-23T23:30:00Z"), c.timeIntervals()), "a Monday night");
        assertFalse(chat.mutedAt(Instant.parse("2026-11-23T12:00:00Z"), c.timeIntervals()), "Monday noon");
        assertFalse(chat.mutedAt(Instant.parse("2026-11-22T23:30:00Z"), c.timeIntervals()), "a Sunday night");
    }

    @Test
    void matchersInAlertmanagerSyntax() {
        assertTrue(LabelMatcher.parse("team=\"db\"").matches(Map.of("team", "db")));
        assertTrue(LabelMatcher.parse("severity=~\"crit.*\"").matches(Map.of("severity", "critical")));
        assertFalse(LabelMatcher.parse("severity=~\"crit\"").matches(Map.of("severity", "critical")), "anchored");
        assertTrue(LabelMatcher.parse("env!=prod").matches(Map.of()), "a missing label is empty");
        assertFalse(LabelMatcher.parse("alertname!~\"Disk.*\"").matches(Map.of("alertname", "DiskFull")));
        assertTrue(LabelMatcher.parse("{msg=\"say \\\"hi\\\", ok\"}").matches(Map.of("msg", "say \"hi\", ok")));
    }

    @Test
    void anUnknownKeyIsRefusedWithItsLineAndName() {
        String bad = FILE.replace("  group_wait: 30s\n", "  group_wait: 30s\n  gruop_interval: 5m\n");
        NotifyConfigException e = assertThrows(NotifyConfigException.class, () -> parse(bad));
        assertTrue(e.getMessage().startsWith("alertmanager.yml: line 11: gruop_interval: unknown key in route"), e.getMessage());
    }

    @Test
    void aBadMatcherIsRefusedWithItsLine() {
        NotifyConfigException e = assertThrows(NotifyConfigException.class, () -> parse(FILE.replace("team = \"db\"", "team ~ db")));
        assertTrue(e.getMessage().startsWith("alertmanager.yml: line 17: matchers: matcher 'team ~ db' has no operator"), e.getMessage());
        e = assertThrows(NotifyConfigException.class, () -> parse(FILE.replace("\"crit.*\"", "\"crit(\"")));
        assertTrue(e.getMessage().contains("line 18: matchers: bad regular expression"), e.getMessage());
    }

    @Test
    void anUnknownReceiverIsRefusedNamingTheDefinedOnes() {
        NotifyConfigException e = assertThrows(NotifyConfigException.class, () -> parse(FILE.replace("receiver: chat", "receiver: chats")));
        assertTrue(e.getMessage().startsWith("alertmanager.yml: line 27: receiver: unknown receiver 'chats' (defined: "), e.getMessage());
    }

    @Test
    void otherRefusals() {
        assertTrue(assertThrows(NotifyConfigException.class, () -> parse("route: [")).getMessage().contains("not valid YAML"));
        assertTrue(assertThrows(NotifyConfigException.class, () -> parse(FILE.replace("group_wait: 10s", "group_wait: 10 seconds")))
                .getMessage().contains("line 20: group_wait: '10 seconds' is not a duration"));
        assertTrue(assertThrows(NotifyConfigException.class, () -> parse(FILE.replace("  - name: blackhole\n", "  - name: ops\n")))
                .getMessage().contains("receiver 'ops' is defined twice"));
        assertTrue(assertThrows(NotifyConfigException.class, () -> parse(FILE.replace("        channel: '#alerts'\n",
                "        channel: '#alerts'\n        title: '{{ .CommonLabels.alertname }}'\n"))).getMessage().contains("title: unknown key in slack_configs"));
        assertTrue(assertThrows(NotifyConfigException.class, () -> parse("receivers: [{name: a}]\nroute: {receiver: a, matchers: ['a=b']}\n"))
                .getMessage().contains("the root route matches every alert"));
        String secret = assertThrows(NotifyConfigException.class, () -> parse(FILE.replace("https://pager.example.org/hook/TOKEN123",
                "ftp://pager/TOKEN123"))).getMessage();
        assertTrue(secret.contains("url: expected an http(s) URL") && !secret.contains("TOKEN123"), "errors never carry the secret: " + secret);
    }
}
