package dev.vigil.core.evaluate;

import dev.vigil.core.sample.Sample;
import dev.vigil.core.silence.Silence;
import dev.vigil.core.silence.SilenceService;
import dev.vigil.core.testing.Sql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given samples, when evaluation runs at time t, then these alerts. Each scenario uses its own
 * hosts and retires them at the end, so the shared clock only ever moves forward.
 */
abstract class EvaluationScenarios extends ScenarioSupport {

    static final double GIB = 1024.0 * 1024 * 1024;
    static final Map<String, String> ROOT = Map.of("mount", "/", "fstype", "ext4");

    @Inject
    SilenceService silences;

    @Test
    void aDiskFillingSteadilyIsPredictedWellBeforeItIsLowThenWarnsThenGoesCriticalAndResolvesWhenFreed() {
        int host = scenario.host("disk-01");
        long start = scenario.now();
        double ratePerMs = 12 * GIB / 3_600_000.0;
        // 40 GiB free of 100 GiB, losing 12 GiB an hour: empty after 3h20m
        scenario.play(Duration.ofHours(3), Duration.ofMinutes(1), t -> Map.of(host, disk(100 * GIB, 40 * GIB - (t - start) * ratePerMs)));

        Scenario.Event predicted = first(scenario.events("disk-01", "DiskWillFillIn4Hours"), "FIRING");
        Scenario.Event low = first(scenario.events("disk-01", "DiskSpaceLow"), "FIRING");
        Scenario.Event critical = first(scenario.events("disk-01", "DiskSpaceLow"), "SEVERITY_CHANGED");
        assertTrue(low.at() - predicted.at() >= Duration.ofHours(1).toMillis(),
                "trend at " + minutes(predicted.at() - start) + " min, low at " + minutes(low.at() - start) + " min");
        assertEquals("warning", low.severity());
        assertEquals("critical", critical.severity());
        assertTrue(critical.at() > low.at());
        // 80% used = 20 GiB free, reached after 100 minutes; 90% after 150 minutes
        assertEquals(100.0, minutes(low.at() - start), 2);
        assertEquals(150.0, minutes(critical.at() - start), 2);

        Scenario.Row trend = open(scenario.alerts("disk-01", "DiskWillFillIn4Hours"));
        assertNotNull(trend.predictedAt());
        assertEquals(200.0, minutes(trend.predictedAt() - start), 5);
        assertEquals(0.0, trend.threshold());
        assertTrue(trend.summary().contains("disk-01") && trend.summary().contains("/"), trend.summary());
        Scenario.Row freeLow = open(scenario.alerts("disk-01", "DiskFreeLow"));
        assertEquals("critical", freeLow.severity());
        assertEquals(5 * GIB, freeLow.threshold());
        Scenario.Readable trendText = scenario.readable("disk-01", "DiskWillFillIn4Hours").get(0);
        assertTrue(trendText.valueText().matches("4(\\.\\d)? GiB free, 0 B in about 20m( \\d+s)?"), trendText.valueText());
        assertEquals("0 B within 4h", trendText.thresholdText());

        long freedAt = scenario.now();
        scenario.play(Duration.ofMinutes(20), Duration.ofMinutes(1), t -> Map.of(host, disk(100 * GIB, 70 * GIB)));
        for (Scenario.Row row : scenario.alerts("disk-01")) {
            assertEquals("resolved", row.state(), row.toString());
            assertTrue(row.endsAt() >= freedAt);
        }
        for (String rule : List.of("DiskWillFillIn4Hours", "DiskSpaceLow", "DiskFreeLow")) {
            assertEquals(1, count(scenario.events("disk-01", rule), "RESOLVED"), rule);
            assertEquals("recovered", scenario.readable("disk-01", rule).get(0).resolution(), rule);
        }
        assertEquals("no longer heading for 0 B within 4h (now 70 GiB free)",
                scenario.readable("disk-01", "DiskWillFillIn4Hours").get(0).resolutionText());
        assertEquals("back to 70 GiB free (threshold 5 GiB free)",
                scenario.readable("disk-01", "DiskFreeLow").get(0).resolutionText());
        scenario.retire("disk-01");
    }

    @Test
    void onTheFifteenSecondScheduleTheTrendIsRefitOnceAMinuteAndItsAlertHoldsInBetween() {
        int host = scenario.host("disk-02");
        long start = scenario.now();
        double ratePerMs = 12 * GIB / 3_600_000.0;
        scenario.play(Duration.ofMinutes(40), Duration.ofSeconds(15),
                t -> Map.of(host, disk(100 * GIB, 40 * GIB - (t - start) * ratePerMs)));

        assertEquals(1, scenario.alerts("disk-02", "DiskWillFillIn4Hours").size());
        assertEquals(List.of("FIRING"), scenario.events("disk-02", "DiskWillFillIn4Hours").stream()
                .map(Scenario.Event::kind).toList());
        scenario.retire("disk-02");
    }

    @Test
    void aCpuSpikeShorterThanForRaisesNothingButASustainedOneGoesPendingThenFiring() {
        int host = scenario.host("cpu-01");
        scenario.play(Duration.ofMinutes(10), Duration.ofSeconds(15), t -> Map.of(host, cpu(20)));
        scenario.play(Duration.ofMinutes(4), Duration.ofSeconds(15), t -> Map.of(host, cpu(100)));
        scenario.play(Duration.ofMinutes(10), Duration.ofSeconds(15), t -> Map.of(host, cpu(20)));

        assertEquals(0, count(scenario.events("cpu-01", "HighCpuUsage"), "FIRING"));
        assertTrue(scenario.alerts("cpu-01").stream().allMatch(r -> r.firingAt() == null && r.state().equals("resolved")));

        scenario.play(Duration.ofMinutes(15), Duration.ofSeconds(15), t -> Map.of(host, cpu(95)));
        List<Scenario.Event> events = scenario.events("cpu-01", "HighCpuUsage");
        Scenario.Event pending = events.stream().filter(e -> e.kind().equals("PENDING")).reduce((a, b) -> b).orElseThrow();
        Scenario.Event firing = first(events, "FIRING");
        assertTrue(firing.at() - pending.at() >= Duration.ofMinutes(5).toMillis());
        Scenario.Row alert = open(scenario.alerts("cpu-01", "HighCpuUsage"));
        assertEquals("firing", alert.state());
        assertEquals("critical", alert.severity());
        assertEquals(95.0, alert.value(), 0.01);
        scenario.retire("cpu-01");
    }

    @Test
    void aValueOscillatingAroundTheThresholdGivesOneAlertNotMany() {
        int host = scenario.host("mem-01");
        scenario.play(Duration.ofMinutes(30), Duration.ofSeconds(15),
                t -> Map.of(host, List.of(new Sample("memory_used_percent", Map.of(), t, (t / 15_000) % 2 == 0 ? 84 : 87))));
        scenario.play(Duration.ofMinutes(2), Duration.ofSeconds(15),
                t -> Map.of(host, List.of(new Sample("memory_used_percent", Map.of(), t, 60))));

        assertEquals(1, scenario.alerts("mem-01", "HighMemoryUsage").size());
        List<Scenario.Event> events = scenario.events("mem-01", "HighMemoryUsage");
        assertEquals(List.of("PENDING", "FIRING", "RESOLVED"), events.stream().map(Scenario.Event::kind).toList());
        scenario.retire("mem-01");
    }

    @Test
    void vigilItselfIsNeverHostDownAndNotifysMetaAlertsAreLeftToNotify() {
        int vigil = scenario.host("vigil");
        scenario.send(vigil, "mysql_database_size_bytes", Map.of("schema", "vigil"), 1e6);
        long now = scenario.now();
        Sql.execute(dataSource, "INSERT INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, labels, severity,"
                + " state, starts_at, firing_at, updated_at) VALUES ('meta000000000000000000000000001',"
                + " 'meta000000000000000000000000001', 'VigilEvaluationStale', NULL, 'vigil', '{}', 'critical', 'firing', "
                + now + ", " + now + ", " + now + ")");
        scenario.play(Duration.ofMinutes(10), Duration.ofSeconds(15), t -> Map.of());
        assertTrue(scenario.alerts("vigil", "HostDown").isEmpty(), "an hourly internal host is not a down server");
        assertEquals("firing", open(scenario.alerts("vigil", "VigilEvaluationStale")).state(), "evaluation leaves meta-alerts open");
        Sql.execute(dataSource, "DELETE FROM alerts WHERE rule = 'VigilEvaluationStale'");
        scenario.retire("vigil");
    }

    @Test
    void aHostThatStopsSendingIsDownWithinAMinuteAndItsOtherAlertsAreInhibitedUntilItReturns() {
        int host = scenario.host("web-01");
        scenario.play(Duration.ofMinutes(12), Duration.ofSeconds(15), t -> Map.of(host, cpu(95)));
        assertEquals("firing", open(scenario.alerts("web-01", "HighCpuUsage")).state());
        long lastSample = scenario.now();

        scenario.play(Duration.ofMinutes(10), Duration.ofSeconds(15), t -> Map.of());
        Scenario.Event down = first(scenario.events("web-01", "HostDown"), "FIRING");
        assertTrue(down.at() - lastSample <= Duration.ofSeconds(75).toMillis(), "down after " + (down.at() - lastSample) + " ms");
        assertEquals("critical", down.severity());
        Scenario.Row cpu = open(scenario.alerts("web-01", "HighCpuUsage"));
        assertTrue(cpu.inhibited(), "the host's other alerts are inhibited while it is down");
        assertFalse(open(scenario.alerts("web-01", "HostDown")).inhibited());

        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, cpu(95)));
        assertTrue(scenario.alerts("web-01", "HostDown").stream().allMatch(r -> r.state().equals("resolved")));
        assertEquals(1, count(scenario.events("web-01", "HostDown"), "RESOLVED"));
        assertFalse(open(scenario.alerts("web-01", "HighCpuUsage")).inhibited());
        assertEquals(1, scenario.alerts("web-01", "HighCpuUsage").size(), "the CPU alert was kept, not resolved and reopened");
        scenario.retire("web-01");
    }

    @Test
    void aSilenceMutesMatchingAlertsWhichAreStillTracked() {
        int host = scenario.host("db-02");
        Silence silence = silences.create(new SilenceService.Request(Map.of("host", "db-02"), null,
                scenario.now() + Duration.ofHours(1).toMillis(), null, null, "maintenance", "ops"));
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15),
                t -> Map.of(host, List.of(new Sample("disk_used_percent", ROOT, t, 95))));

        Scenario.Row alert = open(scenario.alerts("db-02", "DiskSpaceLow"));
        assertEquals("firing", alert.state());
        assertTrue(alert.silenced());
        assertEquals(1, count(scenario.events("db-02", "DiskSpaceLow"), "FIRING"), "tracked: the event exists, notify skips it");

        silences.expire(silence.id());
        scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15),
                t -> Map.of(host, List.of(new Sample("disk_used_percent", ROOT, t, 95))));
        assertFalse(open(scenario.alerts("db-02", "DiskSpaceLow")).silenced());
        scenario.retire("db-02");
    }

    @Test
    void aRuleThatStopsMatchingAnySeriesResolvesItsAlerts() {
        int host = scenario.host("gone-01");
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15),
                t -> Map.of(host, List.of(new Sample("disk_used_percent", Map.of("mount", "/mnt/usb"), t, 97))));
        assertEquals("firing", open(scenario.alerts("gone-01", "DiskSpaceLow")).state());
        // the disk is unplugged; the host keeps reporting everything else
        scenario.play(Duration.ofMinutes(6), Duration.ofSeconds(15), t -> Map.of(host, cpu(10)));
        assertTrue(scenario.alerts("gone-01", "DiskSpaceLow").stream().allMatch(r -> r.state().equals("resolved")));
        scenario.retire("gone-01");
    }

    @Test
    void twoConcurrentEvaluationRunsGiveTheSameAlertsAsOne() throws Exception {
        int host = scenario.host("race-01");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                scenario.advance(Duration.ofSeconds(15));
                scenario.send(host, "disk_used_percent", ROOT, round < 4 ? 95 : 50);
                List<Callable<Boolean>> runs = List.of(() -> cycle.runOnce().isPresent(), () -> cycle.runOnce().isPresent());
                int ran = 0;
                for (var f : pool.invokeAll(runs)) {
                    ran += f.get() ? 1 : 0;
                }
                assertTrue(ran >= 1);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, scenario.alerts("race-01", "DiskSpaceLow").size());
        assertEquals(List.of("FIRING", "RESOLVED"),
                scenario.events("race-01", "DiskSpaceLow").stream().map(Scenario.Event::kind).toList());
        scenario.retire("race-01");
    }

    static List<Sample> disk(double total, double free) {
        return List.of(
                new Sample("disk_total_bytes", ROOT, -1, total),
                new Sample("disk_free_bytes", ROOT, -1, Math.max(0, free)),
                new Sample("disk_used_percent", ROOT, -1, 100 * (1 - Math.max(0, free) / total)));
    }

    static List<Sample> cpu(double percent) {
        return List.of(new Sample("cpu_usage_percent", Map.of(), -1, percent));
    }

    static Scenario.Event first(List<Scenario.Event> events, String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " event in " + events));
    }

    static long count(List<Scenario.Event> events, String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).count();
    }

    static Scenario.Row open(List<Scenario.Row> rows) {
        return rows.stream().filter(r -> !r.state().equals("resolved")).findFirst()
                .orElseThrow(() -> new AssertionError("no open alert in " + rows));
    }

    static long minutes(long millis) {
        return Math.round(millis / 60_000.0);
    }
}
