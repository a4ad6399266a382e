package dev.vigil.core.silence;

import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.rules.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilenceMatcherTest {

    static final long HOUR = 3_600_000;

    @Test
    void aRecurringWindowEverySundayAt2For2HoursIsActiveOnlyThen() {
        Silence sundays = new Silence(1L, Map.of("host", "db-01"), 0, SilenceService.FOREVER, "0 2 * * SUN", 2 * HOUR,
                "weekly backup", "ops", 0, null);
        // 2026-11-15 is a Sunday
        assertFalse(SilenceMatcher.isActive(sundays, at("2026-11-15T01:59:00Z")));
        assertTrue(SilenceMatcher.isActive(sundays, at("2026-11-15T02:00:00Z")));
        assertTrue(SilenceMatcher.isActive(sundays, at("2026-11-15T03:59:00Z")));
        assertFalse(SilenceMatcher.isActive(sundays, at("2026-11-15T04:00:01Z")));
        assertFalse(SilenceMatcher.isActive(sundays, at("2026-11-16T02:30:00Z")));
        assertTrue(SilenceMatcher.isActive(sundays, at("2026-11-22T02:30:00Z")));
    }

    @Test
    void matchersCompareHostRuleSeverityAndLabelsExactly() {
        AlertRecord alert = AlertRecord.builder().id(1L).fingerprint("fp").rule("DiskSpaceLow").host(1, "db-01")
                .labelsJson("{\"mount\":\"/data\"}").severity(Severity.WARNING).state(AlertState.FIRING)
                .value(91.0, null).threshold(90.0, null).firingAt(0L).build();
        assertTrue(SilenceMatcher.matches(silence(Map.of("host", "db-01", "mount", "/data")), alert));
        assertTrue(SilenceMatcher.matches(silence(Map.of("alertname", "DiskSpaceLow")), alert));
        assertFalse(SilenceMatcher.matches(silence(Map.of("host", "db-01", "mount", "/")), alert));
        assertFalse(SilenceMatcher.matches(silence(Map.of("severity", "critical")), alert));
    }

    static Silence silence(Map<String, String> matchers) {
        return new Silence(1L, matchers, 0, SilenceService.FOREVER, null, null, null, null, 0, null);
    }

    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
