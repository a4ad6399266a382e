package dev.vigil.core.evaluate;

import dev.vigil.core.sample.Sample;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.vigil.core.evaluate.EvaluationScenarios.GIB;
import static dev.vigil.core.evaluate.EvaluationScenarios.ROOT;
import static dev.vigil.core.evaluate.EvaluationScenarios.count;
import static dev.vigil.core.evaluate.EvaluationScenarios.cpu;
import static dev.vigil.core.evaluate.EvaluationScenarios.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given samples, when evaluation runs at time t, then alerts say in words what they saw and why they
 * ended: recovered, no data, or still open because their host is down. The cap on new alerts per rule
 * is {@value #CAP} here so a handful of hosts can show it.
 */
abstract class HonestResolutionScenarios extends ScenarioSupport implements TestPropertyProvider {

    static final int CAP = 5;
    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** A fresh database of the engine under test. */
    abstract Map<String, String> database();

    /** The operator's rules file, empty but for what a scenario writes into it (and takes out again). */
    Path rulesFile;

    @Override
    public Map<String, String> getProperties() {
        try {
            rulesFile = Files.createTempFile("vigil-rules", ".yml");
            rulesFile.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new HashMap<>(database());
        p.put("vigil.evaluate.max-new-alerts-per-rule", String.valueOf(CAP));
        p.put("vigil.rules-file", rulesFile.toString());
        return p;
    }

    @Test
    void aSeriesThatGoesQuietOnALiveHostResolvesAsNoDataOnlyAfterStaleAfter() {
        int host = scenario.host("quiet-01");
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, with(cpu(10), used(95))));
        assertEquals("firing", open(scenario.alerts("quiet-01", "DiskSpaceLow")).state());
        long lastDiskSample = scenario.now();

        // the disk stops reporting, the host does not: 4 minutes is not yet stale (5m)
        scenario.play(Duration.ofMinutes(4), Duration.ofSeconds(15), t -> Map.of(host, cpu(10)));
        assertEquals("firing", open(scenario.alerts("quiet-01", "DiskSpaceLow")).state());
        assertEquals(0, count(scenario.events("quiet-01", "DiskSpaceLow"), "RESOLVED"));

        scenario.play(Duration.ofMinutes(2), Duration.ofSeconds(15), t -> Map.of(host, cpu(10)));
        Scenario.Readable alert = only(scenario.readable("quiet-01", "DiskSpaceLow"));
        String expected = "no data since " + HH_MM.format(Instant.ofEpochMilli(lastDiskSample)) + " UTC (last value 95%)";
        assertEquals("resolved", alert.state());
        assertEquals("no_data", alert.resolution());
        assertEquals(expected, alert.resolutionText());
        assertEquals("95%", alert.valueText(), "the last value stays, with the reason beside it");
        assertEquals(expected, resolvedEvent("quiet-01", "DiskSpaceLow").detail());
        assertEquals(1, count(scenario.events("quiet-01", "DiskSpaceLow"), "RESOLVED"));
        scenario.retire("quiet-01");
    }

    @Test
    void aWindowedSeriesAndARatioWhoseDivisorStopsAlsoEndAsNoDataAfterStaleAfter() {
        int host = scenario.host("quiet-02");
        List<Sample> memory = List.of(new Sample("memory_used_percent", Map.of(), -1, 40));
        List<Sample> load = List.of(new Sample("load5", Map.of(), -1, 5));
        List<Sample> cores = List.of(new Sample("cpu_count", Map.of(), -1, 1));
        scenario.play(Duration.ofMinutes(12), Duration.ofSeconds(15), t -> Map.of(host, with(cpu(95), memory, load, cores)));
        assertEquals("firing", open(scenario.alerts("quiet-02", "HighCpuUsage")).state());
        assertEquals("firing", open(scenario.alerts("quiet-02", "HighLoadAverage")).state());
        long lastCpu = scenario.now();

        // cpu_usage_percent and cpu_count stop; load5 (the dividend) and memory go on
        scenario.play(Duration.ofMinutes(4), Duration.ofSeconds(15), t -> Map.of(host, with(memory, load)));
        assertEquals("firing", open(scenario.alerts("quiet-02", "HighCpuUsage")).state());
        assertEquals("firing", open(scenario.alerts("quiet-02", "HighLoadAverage")).state());

        scenario.play(Duration.ofMinutes(2), Duration.ofSeconds(15), t -> Map.of(host, with(memory, load)));
        Scenario.Readable cpu = only(scenario.readable("quiet-02", "HighCpuUsage"));
        assertEquals("no_data", cpu.resolution());
        assertEquals("no data since " + HH_MM.format(Instant.ofEpochMilli(lastCpu)) + " UTC (last value 95%)",
                cpu.resolutionText());
        Scenario.Readable ratio = only(scenario.readable("quiet-02", "HighLoadAverage"));
        assertEquals("no_data", ratio.resolution());
        assertEquals("no data since " + HH_MM.format(Instant.ofEpochMilli(lastCpu)) + " UTC (last value 5 (5 per core))",
                ratio.resolutionText(), "quiet since its divisor's last sample");
        scenario.retire("quiet-02");
    }

    @Test
    void aSeriesBackOnTheGoodSideResolvesAsRecoveredWithItsValueAndThreshold() {
        int host = scenario.host("back-01");
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, used(93.1)));
        Scenario.Readable firing = only(scenario.readable("back-01", "DiskSpaceLow"));
        assertEquals("93.1%", firing.valueText());
        assertEquals("90%", firing.thresholdText());
        assertNull(firing.resolution());
        assertEquals("93.1% (threshold 90%)", scenario.events("back-01", "DiskSpaceLow").get(0).detail());

        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, used(71.2)));
        Scenario.Readable resolved = only(scenario.readable("back-01", "DiskSpaceLow"));
        assertEquals("resolved", resolved.state());
        assertEquals("recovered", resolved.resolution());
        assertEquals("back to 71.2% (threshold 90%)", resolved.resolutionText());
        assertEquals("71.2%", resolved.valueText());
        assertEquals("back to 71.2% (threshold 90%)", resolvedEvent("back-01", "DiskSpaceLow").detail());
        scenario.retire("back-01");
    }

    @Test
    void alertsOfADownHostStayOpenWhileHostDownFiresThenResolveAsRecoveredWhenItReturnsHealthy() {
        int host = scenario.host("dark-01");
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, with(cpu(10), used(95))));
        long lastSample = scenario.now();

        scenario.play(Duration.ofMinutes(10), Duration.ofSeconds(15), t -> Map.of());
        Scenario.Row disk = open(scenario.alerts("dark-01", "DiskSpaceLow"));
        assertEquals("firing", disk.state(), "a down host's alert is not resolved as if healthy");
        assertTrue(disk.inhibited(), "HostDown mutes it");
        assertEquals(0, count(scenario.events("dark-01", "DiskSpaceLow"), "RESOLVED"));
        Scenario.Readable down = only(scenario.readable("dark-01", "HostDown"));
        assertEquals("firing", down.state());
        assertEquals("no data for 10m", down.valueText());
        assertEquals("no data for 1m", down.thresholdText());

        scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(host, with(cpu(10), used(50))));
        long back = scenario.now();
        Scenario.Readable diskNow = only(scenario.readable("dark-01", "DiskSpaceLow"));
        assertEquals("recovered", diskNow.resolution());
        assertEquals("back to 50% (threshold 90%)", diskNow.resolutionText());
        Scenario.Readable up = only(scenario.readable("dark-01", "HostDown"));
        assertEquals("recovered", up.resolution());
        assertEquals("reporting again since " + HH_MM.format(Instant.ofEpochMilli(back)) + " UTC (no data for "
                + duration(back - lastSample) + ")", up.resolutionText());
        assertEquals("reporting again after " + duration(back - lastSample), up.valueText());
        assertEquals(up.resolutionText(), resolvedEvent("dark-01", "HostDown").detail());
        scenario.retire("dark-01");
    }

    @Test
    void aSeriesMissingWhenItsHostReturnsResolvesAsNoDataSinceBeforeTheOutage() {
        int host = scenario.host("dark-02");
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, with(cpu(10), used(95))));
        long lastDisk = scenario.now();
        scenario.play(Duration.ofMinutes(10), Duration.ofSeconds(15), t -> Map.of());
        assertEquals(0, count(scenario.events("dark-02", "DiskSpaceLow"), "RESOLVED"));

        // back, but without that disk: it has been silent for much longer than stale-after
        scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(host, cpu(10)));
        Scenario.Readable disk = only(scenario.readable("dark-02", "DiskSpaceLow"));
        assertEquals("no_data", disk.resolution());
        assertEquals("no data since " + HH_MM.format(Instant.ofEpochMilli(lastDisk)) + " UTC (last value 95%)",
                disk.resolutionText());
        scenario.retire("dark-02");
    }

    @Test
    void valuesAndThresholdsReadInTheUnitOfEachRule() {
        int host = scenario.host("units-01");
        Map<String, String> eth0 = Map.of("iface", "eth0");
        scenario.play(Duration.ofMinutes(3), Duration.ofSeconds(15), t -> Map.of(host, List.of(
                new Sample("disk_total_bytes", ROOT, t, 100 * GIB),
                new Sample("disk_free_bytes", ROOT, t, 3.2 * GIB),
                new Sample("disk_used_percent", ROOT, t, 96.8),
                new Sample("load5", Map.of(), t, 4.2),
                new Sample("cpu_count", Map.of(), t, 2),
                new Sample("check_ok", Map.of("check", "nginx"), t, 0),
                new Sample("mysql_up", Map.of(), t, 0),
                new Sample("mysql_query_latency_ms", Map.of(), t, 2300),
                new Sample("net_errors_per_second", eth0, t, 12))));

        assertReads("units-01", "DiskFreeLow", "3.2 GiB free", "5 GiB free");
        assertReads("units-01", "DiskSpaceLow", "96.8%", "90%");
        assertReads("units-01", "HighLoadAverage", "4.2 (2.1 per core)", "2 per core");
        assertReads("units-01", "CheckFailed", "exit status non-zero", "exit status non-zero");
        assertReads("units-01", "DatabaseDown", "down", "down");
        assertReads("units-01", "DatabaseSlow", "2.3s", "2s");
        assertReads("units-01", "HighNetworkErrors", "12 errors/s", "10 errors/s");
        assertEquals("units-01: check nginx is failing (exit status non-zero)",
                open(scenario.alerts("units-01", "CheckFailed")).summary());

        scenario.play(Duration.ofSeconds(75), Duration.ofSeconds(15), t -> Map.of());
        assertReads("units-01", "HostDown", "no data for 1m 15s", "no data for 1m");
        scenario.retire("units-01");
    }

    @Test
    void theHostsLabelsAreCopiedOntoItsAlertsAndFollowAChange() {
        int host = scenario.host("lab-01");
        scenario.label("lab-01", "{\"team\": \"db\", \"env\": \"prod\", \"note\": \"a \\\"quoted\\\" value\"}");
        scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(host, used(95)));
        assertEquals("{\"env\":\"prod\",\"note\":\"a \\\"quoted\\\" value\",\"team\":\"db\"}",
                only(scenario.readable("lab-01", "DiskSpaceLow")).hostLabels());

        scenario.label("lab-01", "{\"team\":\"web\"}");
        scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(host, used(95)));
        assertEquals("{\"team\":\"web\"}", only(scenario.readable("lab-01", "DiskSpaceLow")).hostLabels());

        scenario.label("lab-01", null);
        scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(host, used(95)));
        assertEquals("{}", only(scenario.readable("lab-01", "DiskSpaceLow")).hostLabels());
        assertEquals(1, scenario.alerts("lab-01", "DiskSpaceLow").size(), "relabelling does not restart the alert");
        scenario.retire("lab-01");
    }

    @Test
    void moreNewAlertsOfOneRuleThanTheCapOpenTheCapAndOneMetaAlertWhichResolvesOnceUnderIt() {
        int extra = 3;
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < CAP + extra; i++) {
            names.add("cap-0" + i);
            ids.add(scenario.host("cap-0" + i));
        }
        scenario.advance(Duration.ofSeconds(15));
        ids.forEach(id -> scenario.send(id, "disk_used_percent", ROOT, 95));
        EvaluationReport first = scenario.evaluate();
        assertEquals(CAP, names.stream().mapToLong(n -> scenario.alerts(n, "DiskSpaceLow").size()).sum());
        assertEquals(extra, first.heldBack());
        Scenario.Row meta = open(scenario.alerts("vigil", AlertCap.RULE));
        assertEquals("{\"rule\":\"DiskSpaceLow\"}", meta.labels());
        assertEquals(extra, meta.value(), 0.0);
        assertTrue(meta.summary().contains("DiskSpaceLow had 8 new alerts") && meta.summary().contains("3 held back"),
                meta.summary());
        assertEquals(List.of("FIRING"), kinds(scenario.events("vigil", AlertCap.RULE)));

        scenario.advance(Duration.ofSeconds(15));
        ids.forEach(id -> scenario.send(id, "disk_used_percent", ROOT, 95));
        scenario.evaluate();
        assertEquals(CAP + extra, names.stream().mapToLong(n -> scenario.alerts(n, "DiskSpaceLow").size()).sum(),
                "the held-back alerts open in the next cycle");
        Scenario.Readable resolved = only(scenario.readable("vigil", AlertCap.RULE));
        assertEquals("resolved", resolved.state());
        assertEquals("recovered", resolved.resolution());
        assertEquals("no longer capped: " + extra + " new DiskSpaceLow alerts in the last cycle (limit " + CAP + ")",
                resolved.resolutionText());
        assertEquals(List.of("FIRING", "RESOLVED"), kinds(scenario.events("vigil", AlertCap.RULE)));
        names.forEach(scenario::retire);
    }

    @Test
    void theAlertsOfARemovedHostEndAsNotEvaluatedNotAsRecovered() {
        int host = scenario.host("gone-02");
        scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(host, used(95)));
        scenario.retire("gone-02");
        scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of());
        Scenario.Readable alert = only(scenario.readable("gone-02", "DiskSpaceLow"));
        assertEquals("not_evaluated", alert.resolution());
        assertEquals("no longer evaluated: host gone-02 was removed (last value 95%)", alert.resolutionText());
    }

    @Test
    void anAlertWhoseRuleIsSwitchedOffForItsHostEndsAsNotEvaluated() throws IOException {
        int host = scenario.host("off-01");
        scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(host, used(95)));
        assertEquals("firing", open(scenario.alerts("off-01", "DiskSpaceLow")).state());
        try {
            writeRules("overrides:\n  - {rule: DiskSpaceLow, host: \"off-01\", enabled: false}\n");
            scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(host, used(95)));
            Scenario.Readable alert = only(scenario.readable("off-01", "DiskSpaceLow"));
            assertEquals("not_evaluated", alert.resolution());
            assertEquals("no longer evaluated: rule DiskSpaceLow is disabled here by an override (last value 95%)",
                    alert.resolutionText());
        } finally {
            writeRules("");
        }
        scenario.retire("off-01");
    }

    // The evaluator reads labels only for series that cross some level or whose host has an open alert of
    // the rule: these scenarios pin what that must not change.

    @Test
    void anOpenAlertBetweenItsClearAndWarningLevelsStaysOpenAndResolvesPastClear() {
        int host = scenario.host("hyst-01");
        scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(host, used(95)));
        assertEquals("firing", open(scenario.alerts("hyst-01", "DiskSpaceLow")).state());
        // 79% crosses no level (warning 80) but not the clear level (78) either: the alert holds
        scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(host, used(79)));
        Scenario.Row held = open(scenario.alerts("hyst-01", "DiskSpaceLow"));
        assertEquals("firing", held.state());
        assertEquals(79.0, held.value());
        scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(host, used(70)));
        assertEquals("resolved", only(scenario.alerts("hyst-01", "DiskSpaceLow")).state());
        assertEquals("recovered", only(scenario.readable("hyst-01", "DiskSpaceLow")).resolution());
        scenario.retire("hyst-01");
    }

    @Test
    void aHostOverrideBelowTheRulesLevelsStillAlertsAndOnlyThere() throws IOException {
        int low = scenario.host("lowlevel-01");
        int other = scenario.host("lowlevel-02");
        try {
            writeRules("overrides:\n  - {rule: DiskSpaceLow, host: \"lowlevel-01\", warning: 50, clear: 45}\n");
            scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(low, used(60), other, used(60)));
            assertEquals("firing", open(scenario.alerts("lowlevel-01", "DiskSpaceLow")).state());
            assertTrue(scenario.alerts("lowlevel-02", "DiskSpaceLow").isEmpty());
            scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(low, used(48), other, used(60)));
            assertEquals("firing", open(scenario.alerts("lowlevel-01", "DiskSpaceLow")).state());
            scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(low, used(40), other, used(60)));
            assertEquals("resolved", only(scenario.alerts("lowlevel-01", "DiskSpaceLow")).state());
        } finally {
            writeRules("");
        }
        scenario.retire("lowlevel-01");
        scenario.retire("lowlevel-02");
    }

    @Test
    void aRatioRuleAlertsOnTheDivisorOfItsOwnHostAndResolvesBelowClear() {
        int busy = scenario.host("ratio-01");
        int calm = scenario.host("ratio-02");
        // load 6: on 2 cores 3 per core (above 2), on 8 cores 0.75
        scenario.play(Duration.ofMinutes(6), Duration.ofSeconds(15), t -> Map.of(
                busy, List.of(new Sample("load5", Map.of(), -1, 6), new Sample("cpu_count", Map.of(), -1, 2)),
                calm, List.of(new Sample("load5", Map.of(), -1, 6), new Sample("cpu_count", Map.of(), -1, 8))));
        assertEquals("firing", open(scenario.alerts("ratio-01", "HighLoadAverage")).state());
        assertTrue(scenario.alerts("ratio-02", "HighLoadAverage").isEmpty());
        // 3.7 / 2 = 1.85 per core: under the warning (2), over the clear level (1.8): holds
        scenario.play(Duration.ofSeconds(30), Duration.ofSeconds(15), t -> Map.of(
                busy, List.of(new Sample("load5", Map.of(), -1, 3.7), new Sample("cpu_count", Map.of(), -1, 2))));
        assertEquals("firing", open(scenario.alerts("ratio-01", "HighLoadAverage")).state());
        scenario.play(Duration.ofSeconds(15), Duration.ofSeconds(15), t -> Map.of(
                busy, List.of(new Sample("load5", Map.of(), -1, 2), new Sample("cpu_count", Map.of(), -1, 2))));
        assertEquals("resolved", only(scenario.alerts("ratio-01", "HighLoadAverage")).state());
        scenario.retire("ratio-01");
        scenario.retire("ratio-02");
    }

    private void writeRules(String yaml) throws IOException {
        Files.writeString(rulesFile, yaml);
        // the provider reloads on a changed modification time; the file system's may be coarse
        Files.setLastModifiedTime(rulesFile, FileTime.fromMillis(System.currentTimeMillis() + yaml.length() + 1_000));
    }

    private void assertReads(String host, String rule, String valueText, String thresholdText) {
        Scenario.Readable r = scenario.readable(host, rule).stream().filter(a -> !a.state().equals("resolved"))
                .findFirst().orElseThrow(() -> new AssertionError("no open " + rule + " on " + host));
        assertEquals(valueText, r.valueText(), rule + " value");
        assertEquals(thresholdText, r.thresholdText(), rule + " threshold");
    }

    private Scenario.Event resolvedEvent(String host, String rule) {
        return scenario.events(host, rule).stream().filter(e -> e.kind().equals("RESOLVED")).findFirst().orElseThrow();
    }

    static List<Sample> used(double percent) {
        return List.of(new Sample("disk_used_percent", ROOT, -1, percent));
    }

    @SafeVarargs
    static List<Sample> with(List<Sample>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    static <T> T only(List<T> rows) {
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    static List<String> kinds(List<Scenario.Event> events) {
        return events.stream().map(Scenario.Event::kind).toList();
    }

    static String duration(long millis) {
        return dev.vigil.core.rules.Quantities.duration(millis);
    }
}
