package dev.vigil.core.rules;

import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSetLoaderTest {

    static final double GIB = 1024.0 * 1024 * 1024;
    final RuleSetLoader loader = new RuleSetLoader(60_000);

    @Test
    void theDefaultsHoldEveryRuleOfTheContractWithItsThresholds() {
        RuleSet defaults = loader.loadDefaults();
        assertEquals(List.of("HostDown", "HighCpuUsage", "HighMemoryUsage", "DiskSpaceLow", "DiskFreeLow",
                "DiskWillFillIn4Hours", "HighInodeUsage", "HighSwapUsage", "HighIOWait", "HighLoadAverage",
                "DatabaseDown", "DatabaseSlow", "DatabaseSizeLarge", "MySQLTooManyConnections", "MySQLReplicationLag",
                "MySQLReplicationBroken", "MySQLSlowQueries", "HighNetworkErrors", "TooManyOpenFiles",
                "CheckFailed", "LogPatternMatched", "VigilApiErrorRate", "VigilOutboxBacklog"),
                defaults.rules().stream().map(Rule::name).toList());
        Rule log = rule(defaults, "LogPatternMatched");
        assertEquals(Aggregation.INCREASE, log.aggregation());
        assertEquals(Severity.WARNING, defaults.thresholdsFor(log, "db-01", Map.of("severity", "warning")).crossed(1));
        assertEquals(Severity.CRITICAL, defaults.thresholdsFor(log, "db-01", Map.of("severity", "critical")).crossed(1));
        assertEquals(null, defaults.thresholdsFor(log, "db-01", Map.of("severity", "critical")).crossed(0));
        Rule cpu = rule(defaults, "HighCpuUsage");
        assertEquals(Aggregation.AVG, cpu.aggregation());
        assertEquals(300_000, cpu.windowMillis());
        assertEquals(new Thresholds(Comparison.GT, 80.0, 90.0, 75.0, 300_000), cpu.thresholds());
        Rule freeLow = rule(defaults, "DiskFreeLow");
        assertEquals(10 * GIB, freeLow.thresholds().warning());
        assertEquals(5 * GIB, freeLow.thresholds().critical());
        assertEquals(20 * GIB, freeLow.onlyIf().value());
        assertEquals(60.0, rule(defaults, "HostDown").thresholds().critical());
        assertTrue(rule(defaults, "HostDown").inhibitsHost());
        assertEquals("cpu_count", rule(defaults, "HighLoadAverage").divideBy());
        assertEquals(Comparison.EQ, rule(defaults, "DatabaseDown").thresholds().comparison());
        assertEquals(4 * 3_600_000.0, rule(defaults, "DiskWillFillIn4Hours").thresholds().warning());
        assertEquals(600_000, rule(defaults, "HighSwapUsage").thresholds().forMillis());
    }

    @Test
    void theTrendRefitsEachDiskOncePerMinuteSpreadOverTheCyclesOfThatMinute() {
        Rule trend = rule(loader.loadDefaults(), "DiskWillFillIn4Hours");
        long minute = 60_000;
        long start = 10 * minute;
        int[] dueCounts = new int[4];
        for (long id = 1; id <= 4000; id++) {
            int times = 0;
            for (int cycle = 0; cycle < 4; cycle++) {
                long lastRun = start + cycle * 15_000L;
                if (trend.dueFor(id, lastRun + 15_000, lastRun)) {
                    times++;
                    dueCounts[cycle]++;
                }
            }
            assertEquals(1, times, "series " + id + " is refit exactly once a minute");
        }
        for (int count : dueCounts) {
            assertTrue(count > 800 && count < 1200, "about a quarter per 15 s cycle: " + count);
        }
        assertTrue(trend.dueFor(7, start + minute, start), "a run a minute after the last (Lambda) refits all");
        assertTrue(trend.dueFor(7, start, null));
        assertTrue(rule(loader.loadDefaults(), "DiskSpaceLow").dueFor(7, start + 1, start));
    }

    @Test
    void anOperatorFileExtendsTheDefaultsAndOverridesPerHostAndLabel() {
        RuleSet set = loader.parse("""
                rules:
                  - name: DiskSpaceLow
                    metric: disk_used_percent
                    warning: 85
                    critical: 95
                  - name: NginxDown
                    metric: check_ok
                    labels: {check: nginx}
                    op: "=="
                    critical: 0
                overrides:
                  - {rule: DiskSpaceLow, host: "backup-.*", labels: {mount: /srv}, warning: 97, critical: 99, for: 10m}
                  - {rule: HighSwapUsage, enabled: false}
                """, "ops.yml", loader.loadDefaults());
        assertEquals(24, set.rules().size());
        Rule disk = rule(set, "DiskSpaceLow");
        assertEquals(85.0, set.thresholdsFor(disk, "web-01", Map.of("mount", "/srv")).warning());
        Thresholds backup = set.thresholdsFor(disk, "backup-3", Map.of("mount", "/srv"));
        assertEquals(97.0, backup.warning());
        assertEquals(600_000, backup.forMillis());
        assertEquals(85.0, set.thresholdsFor(disk, "backup-3", Map.of("mount", "/")).warning());
        assertTrue(set.disabledEverywhere(rule(set, "HighSwapUsage")));
        assertTrue(rule(set, "NginxDown").appliesTo(Map.of("check", "nginx")));
    }

    @Test
    void replaceModeDropsTheDefaults() {
        RuleSet set = loader.parse("""
                mode: replace
                rules:
                  - {name: OnlyThis, metric: load1, warning: 10}
                """, "ops.yml", loader.loadDefaults());
        assertEquals(List.of("OnlyThis"), set.rules().stream().map(Rule::name).toList());
    }

    @Test
    void aBadRuleIsRefusedWithAnErrorThatNamesTheRuleAndTheField() {
        assertRefused("rules:\n  - {name: Cpu, metric: cpu_usage_percent, aggregation: avg, window: 5x, warning: 80}\n",
                "rule 'Cpu': field 'window'");
        assertRefused("rules:\n  - {name: Cpu, metric: cpu_usage_percent, warning: eighty}\n", "rule 'Cpu': field 'warning'");
        assertRefused("rules:\n  - {name: Cpu, metric: cpu_usage_percent, op: '>', warning: 80, clear: 85}\n",
                "rule 'Cpu': field 'clear'");
        assertRefused("rules:\n  - {name: Cpu, metric: cpu_usage_percent, warnign: 80}\n", "rule 'Cpu': field 'warnign'");
        assertRefused("rules:\n  - {name: Cpu, warning: 80}\n", "rule 'Cpu': field 'metric'");
        assertRefused("rules:\n  - {name: Cpu, metric: x, aggregation: median, warning: 1}\n", "rule 'Cpu': field 'aggregation'");
        assertRefused("overrides:\n  - {rule: NoSuchRule, warning: 1}\n", "rule 'NoSuchRule': field 'rule'");
        assertRefused("rules: [\n", "not valid YAML");
    }

    @Test
    void everyDefaultRuleHasAUnitAndItsRunbookIsProseNotALink() {
        RuleSet defaults = loader.loadDefaults();
        assertEquals("bytes free", rule(defaults, "DiskFreeLow").unit().wire());
        assertEquals("percent", rule(defaults, "DiskSpaceLow").unit().wire());
        assertEquals("seconds", rule(defaults, "HostDown").unit().wire());
        assertEquals("exit_ok", rule(defaults, "CheckFailed").unit().wire());
        assertEquals("ratio per core", rule(defaults, "HighLoadAverage").unit().wire());
        for (Rule r : defaults.rules()) {
            assertNotNull(r.unit(), r.name());
            assertNull(r.runbookUrl(), r.name());
            assertFalse(r.runbook().isBlank(), r.name());
        }
    }

    @Test
    void anOperatorRuleWithoutUnitGetsOneFromItsMetricAndARunbookUrlIsFilledInEncoded() {
        RuleSet set = loader.parse("""
                rules:
                  - {name: ReplicationLag, metric: replica_lag_seconds, warning: 30}
                  - {name: QueueDepth, metric: check_value, labels: {check: queue}, warning: 100, unit: count jobs,
                     description: "The {{check}} queue is backing up",
                     runbook_url: "https://wiki.example.com/runbooks/{{rule}}?host={{host}}&check={{check}}"}
                """, "ops.yml", loader.loadDefaults());
        assertEquals("seconds", rule(set, "ReplicationLag").unit().wire());
        assertEquals("2m", rule(set, "ReplicationLag").unit().format(120));
        Rule queue = rule(set, "QueueDepth");
        assertEquals("150 jobs", queue.unit().format(150));
        assertEquals("The {{check}} queue is backing up", queue.description());
        assertEquals("https://wiki.example.com/runbooks/QueueDepth?host=db%2001&check=a%26b%3Dc",
                AlertText.runbookUrl(queue, Map.of("rule", "QueueDepth", "host", "db 01", "check", "a&b=c")));
    }

    @Test
    void aBadUnitOrARunbookUrlThatIsNoLinkIsRefusedNamingRuleAndField() {
        assertRefused("rules:\n  - {name: Lag, metric: lag_seconds, warning: 30, unit: fortnights}\n",
                "rule 'Lag': field 'unit': not a known unit: 'fortnights'");
        assertRefused("rules:\n  - {name: Lag, metric: lag_seconds, warning: 30, runbook_url: 'Restart the replica'}\n",
                "rule 'Lag': field 'runbook_url'");
        assertRefused("rules:\n  - {name: Lag, metric: lag_seconds, warning: 30, runbook_url: 'ftp://files/runbook'}\n",
                "rule 'Lag': field 'runbook_url': not an http or https URL");
        assertRefused("rules:\n  - {name: Lag, metric: lag_seconds, warning: 30, runbook_url: 'javascript:alert(1)'}\n",
                "rule 'Lag': field 'runbook_url'");
        assertRefused("rules:\n  - {name: Gone, kind: absent, unit: percent}\n", "rule 'Gone': field 'unit'");
    }

    @Test
    void theLastGoodRuleSetKeepsRunningWhenTheFileGoesBad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, "rules:\n  - {name: DiskSpaceLow, metric: disk_used_percent, warning: 70}\n");
        RulesFileProperties files = new RulesFileProperties();
        files.setRulesFile(file.toString());
        RuleSetProvider provider = new RuleSetProvider(files, new VigilProperties());
        assertEquals(70.0, rule(provider.current(), "DiskSpaceLow").thresholds().warning());
        assertNull(provider.lastError());

        Files.writeString(file, "rules:\n  - {name: DiskSpaceLow, metric: disk_used_percent, warning: lots}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        try (LogCapture log = LogCapture.of(RuleSetProvider.class)) {
            assertEquals(70.0, rule(provider.current(), "DiskSpaceLow").thresholds().warning());
            assertEquals(List.of("ERROR"), log.levels(), "the refusal is logged once, as an error");
        }
        assertNotNull(provider.lastError());
        assertTrue(provider.lastError().contains("rule 'DiskSpaceLow': field 'warning'"), provider.lastError());
    }

    private void assertRefused(String yaml, String expected) {
        RuleSetException e = assertThrows(RuleSetException.class, () -> loader.parse(yaml, "ops.yml", loader.loadDefaults()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Rule rule(RuleSet set, String name) {
        return set.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
