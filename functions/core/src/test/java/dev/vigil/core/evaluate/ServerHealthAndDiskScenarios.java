package dev.vigil.core.evaluate;

import dev.vigil.core.sample.Sample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.vigil.core.evaluate.EvaluationScenarios.GIB;
import static dev.vigil.core.evaluate.EvaluationScenarios.ROOT;
import static dev.vigil.core.evaluate.EvaluationScenarios.disk;
import static dev.vigil.core.evaluate.EvaluationScenarios.first;
import static org.junit.jupiter.api.Assertions.*;

/** The MySQL server-health rules, and disk alerts that say which directories fill the disk and what cleanup freed. */
abstract class ServerHealthAndDiskScenarios extends ScenarioSupport {

    private static Sample now(String metric, double value) {
        return new Sample(metric, Map.of(), -1, value);
    }

    private static Sample now(String metric, Map<String, String> labels, double value) {
        return new Sample(metric, labels, -1, value);
    }

    @Test
    void connectionsAt85PercentFireTheWarningAfterTwoMinutes() {
        int host = scenario.host("mysql-conn-01");
        long start = scenario.now();
        scenario.play(Duration.ofMinutes(5), Duration.ofSeconds(15),
                t -> Map.of(host, List.of(now("mysql_up", 1), now("mysql_connections_used_percent", 85))));
        Scenario.Event fired = first(scenario.events("mysql-conn-01", "MySQLTooManyConnections"), "FIRING");
        assertEquals("warning", fired.severity());
        assertEquals(2.25, (fired.at() - start) / 60_000.0, 0.3);
        Scenario.Row alert = scenario.alerts("mysql-conn-01", "MySQLTooManyConnections").get(0);
        assertEquals("mysql-conn-01: 85% of max_connections in use (above 80%)", alert.summary());
        scenario.retire("mysql-conn-01");
    }

    @Test
    void replicationRulesSeeOnlyReplicasAndABrokenReplicaIsCritical() {
        int primary = scenario.host("mysql-primary-01");
        int replica = scenario.host("mysql-replica-01");
        scenario.play(Duration.ofMinutes(4), Duration.ofSeconds(15), t -> Map.of(
                // a primary sends no replication series at all
                primary, List.of(now("mysql_up", 1), now("mysql_uptime_seconds", 1000)),
                // the SQL thread stopped: running 0, lag unknown (not sent)
                replica, List.of(now("mysql_up", 1), now("mysql_replication_running", 0))));
        assertTrue(scenario.alerts("mysql-primary-01").isEmpty(), scenario.alerts("mysql-primary-01").toString());
        Scenario.Event broken = first(scenario.events("mysql-replica-01", "MySQLReplicationBroken"), "FIRING");
        assertEquals("critical", broken.severity());
        assertTrue(scenario.alerts("mysql-replica-01", "MySQLReplicationLag").isEmpty());

        scenario.play(Duration.ofMinutes(4), Duration.ofSeconds(15), t -> Map.of(
                replica, List.of(now("mysql_up", 1), now("mysql_replication_running", 1), now("mysql_replication_lag_seconds", 400))));
        assertEquals("resolved", scenario.alerts("mysql-replica-01", "MySQLReplicationBroken").get(0).state());
        Scenario.Row lag = scenario.alerts("mysql-replica-01", "MySQLReplicationLag").get(0);
        assertEquals("critical", lag.severity());
        assertTrue(lag.summary().contains("6m 40s behind the source"), lag.summary());
        scenario.retire("mysql-primary-01");
        scenario.retire("mysql-replica-01");
    }

    @Test
    void aFullDiskSaysWhichDirectoriesFillItAndItsRecoveryWhatCleanupFreed() {
        int host = scenario.host("disk-explain-01");
        Map<String, String> data = Map.of("mount", "/data", "fstype", "xfs");
        List<Sample> dirs = List.of(
                now("disk_dir_size_bytes", Map.of("mount", "/", "path", "/var/lib/mysql/binlog"), 41.2 * GIB),
                now("disk_dir_size_bytes", Map.of("mount", "/", "path", "/var/log"), 6.3 * GIB),
                now("disk_dir_size_bytes", Map.of("mount", "/", "path", "/home/<b>ob"), 2 * GIB),
                now("disk_dir_size_bytes", Map.of("mount", "/", "path", "/opt"), 1 * GIB),
                // another mount's directories are not this disk's explanation
                now("disk_dir_size_bytes", Map.of("mount", "/data", "path", "/data/huge"), 500 * GIB));
        scenario.play(Duration.ofMinutes(2), Duration.ofSeconds(15), t -> {
            List<Sample> batch = new ArrayList<>(disk(100 * GIB, 7 * GIB));
            batch.add(now("disk_used_percent", data, 10));
            batch.addAll(dirs);
            return Map.of(host, batch);
        });
        Scenario.Row low = scenario.alerts("disk-explain-01", "DiskSpaceLow").get(0);
        assertEquals("disk-explain-01: disk / is 93% full (above 90%) — largest: /var/lib/mysql/binlog 41.2 GiB, "
                + "/var/log 6.3 GiB, /home/<b>ob 2 GiB, …", low.summary());
        Scenario.Row freeLow = scenario.alerts("disk-explain-01", "DiskFreeLow").get(0);
        assertTrue(freeLow.summary().endsWith("— largest: /var/lib/mysql/binlog 41.2 GiB, /var/log 6.3 GiB, /home/<b>ob 2 GiB, …"),
                freeLow.summary());

        // a cleanup policy on / frees 12 GiB at this minute; the agent reports when and where it ran
        long cleanedAt = scenario.now() + 15_000;
        scenario.play(Duration.ofMinutes(2), Duration.ofSeconds(15), t -> {
            List<Sample> batch = new ArrayList<>(disk(100 * GIB, 19 * GIB + 12 * GIB));
            batch.addAll(dirs);
            batch.add(now("cleanup_freed_bytes", Map.of("policy", "binlogs", "dry_run", "false"), 12 * GIB));
            batch.add(now("cleanup_last_run_timestamp_seconds", Map.of("policy", "binlogs", "dry_run", "false", "mount", "/"),
                    cleanedAt / 1000.0));
            // a dry-run policy freed nothing and is never named
            batch.add(now("cleanup_freed_bytes", Map.of("policy", "maybe", "dry_run", "true"), 50 * GIB));
            batch.add(now("cleanup_last_run_timestamp_seconds", Map.of("policy", "maybe", "dry_run", "true", "mount", "/"),
                    cleanedAt / 1000.0));
            return Map.of(host, batch);
        });
        String at = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(cleanedAt));
        Scenario.Readable resolved = scenario.readable("disk-explain-01", "DiskSpaceLow").get(0);
        assertEquals("resolved", resolved.state());
        assertTrue(resolved.resolutionText().endsWith("; cleanup freed 12 GiB at " + at), resolved.resolutionText());
        scenario.retire("disk-explain-01");
    }

    @Test
    void theExplanationCostsAFixedNumberOfStatementsWhateverTheNumberOfDiskAlerts() {
        List<Integer> hosts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hosts.add(scenario.host("disk-many-" + i));
        }
        // first: full disks without any directory figures; then the same with them
        scenario.play(Duration.ofMinutes(1), Duration.ofMinutes(1), t -> {
            Map<Integer, List<Sample>> m = new java.util.HashMap<>();
            hosts.forEach(h -> m.put(h, disk(100 * GIB, 5 * GIB)));
            return m;
        });
        scenario.advance(Duration.ofSeconds(15));
        int plain = scenario.evaluate().statements();
        hosts.forEach(h -> scenario.send(h, List.of(
                new Sample("disk_dir_size_bytes", Map.of("mount", "/", "path", "/var/log"), scenario.now(), 3 * GIB),
                new Sample("disk_free_bytes", ROOT, scenario.now(), 5 * GIB),
                new Sample("disk_used_percent", ROOT, scenario.now(), 95))));
        scenario.advance(Duration.ofSeconds(15));
        int explained = scenario.evaluate().statements();
        assertTrue(explained - plain <= 3, plain + " -> " + explained);
        for (int i = 0; i < 6; i++) {
            assertTrue(scenario.alerts("disk-many-" + i, "DiskSpaceLow").get(0).summary().endsWith("largest: /var/log 3 GiB"));
            scenario.retire("disk-many-" + i);
        }
    }
}
