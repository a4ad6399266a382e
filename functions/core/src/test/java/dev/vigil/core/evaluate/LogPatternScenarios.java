package dev.vigil.core.evaluate;

import dev.vigil.core.logline.LogLine;
import dev.vigil.core.logline.LogLineStore;
import dev.vigil.core.sample.Sample;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LogPatternMatched: given an agent's log_matches_total counters and the lines it sent, when the counter
 * rises, then one alert per (log, pattern) fires with the pattern's severity and the lines in its
 * text, and resolves after ten quiet minutes.
 */
abstract class LogPatternScenarios extends ScenarioSupport {

    static final Map<String, String> DISK_FULL = Map.of("log", "mysql-error", "pattern", "disk-full", "severity", "critical");
    static final Map<String, String> ERROR = Map.of("log", "mysql-error", "pattern", "error", "severity", "warning");

    @Inject
    LogLineStore lines;

    private static List<Sample> counters(double diskFull, double error) {
        return List.of(new Sample("log_matches_total", DISK_FULL, -1, diskFull), new Sample("log_matches_total", ERROR, -1, error));
    }

    @Test
    void aRisingCounterFiresWithThePatternsSeverityAndTheLinesThenResolvesWhenQuiet() {
        int host = scenario.host("logs-01");
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, counters(0, 0)));
        assertTrue(scenario.alerts("logs-01", "LogPatternMatched").isEmpty(), "nothing matched yet");

        long now = scenario.now();
        lines.append(host, List.of(
                new LogLine(null, "mysql-error", "disk-full", "critical", now - 3000, "[ERROR] mysqld: Disk is full writing './binlog.000041'"),
                new LogLine(null, "mysql-error", "disk-full", "critical", now - 2000, "[ERROR] mysqld: Disk is full writing './binlog.000042' <b>"),
                new LogLine(null, "mysql-error", "error", "warning", now - 1000, "[ERROR] Unknown table 'x'")), now);
        scenario.play(Duration.ofMinutes(1), Duration.ofSeconds(15), t -> Map.of(host, counters(2, 1)));

        List<Scenario.Row> alerts = scenario.alerts("logs-01", "LogPatternMatched");
        assertEquals(2, alerts.size(), alerts.toString());
        Scenario.Row diskFull = alerts.stream().filter(a -> a.labels().contains("disk-full")).findFirst().orElseThrow();
        assertEquals("critical", diskFull.severity());
        assertEquals("firing", diskFull.state());
        assertEquals("logs-01: mysql-error matched disk-full (2 matching lines in 10m): "
                + "\u201C[ERROR] mysqld: Disk is full writing './binlog.000041'\u201D "
                + "\u201C[ERROR] mysqld: Disk is full writing './binlog.000042' <b>\u201D", diskFull.summary());
        Scenario.Row error = alerts.stream().filter(a -> a.labels().contains("\"error\"")).findFirst().orElseThrow();
        assertEquals("warning", error.severity());
        assertTrue(error.summary().endsWith("\u201C[ERROR] Unknown table 'x'\u201D"), error.summary());
        String description = scenario.readable("logs-01", "LogPatternMatched").stream()
                .filter(r -> r.description().contains("disk-full")).findFirst().orElseThrow().description();
        assertTrue(description.endsWith("binlog.000041'\n[ERROR] mysqld: Disk is full writing './binlog.000042' <b>"), description);

        scenario.play(Duration.ofMinutes(8), Duration.ofSeconds(15), t -> Map.of(host, counters(2, 1)));
        assertTrue(scenario.alerts("logs-01", "LogPatternMatched").stream().allMatch(a -> a.state().equals("firing")),
                "still inside the 10 minute window");
        scenario.play(Duration.ofMinutes(3), Duration.ofSeconds(15), t -> Map.of(host, counters(2, 1)));
        assertTrue(scenario.alerts("logs-01", "LogPatternMatched").stream().allMatch(a -> a.state().equals("resolved")),
                "ten quiet minutes later: " + scenario.alerts("logs-01", "LogPatternMatched"));
        scenario.retire("logs-01");
    }
}
