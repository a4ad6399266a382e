package dev.vigil.core.rules;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitTest {

    static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void bytesAreIecWithOneDecimalAndDurationsUseTheTwoLargestUnits() {
        assertEquals("3.2 GiB", Quantities.bytes(3.2 * GIB));
        assertEquals("5 GiB", Quantities.bytes(5 * GIB));
        assertEquals("1023 B", Quantities.bytes(1023));
        assertEquals("1.5 KiB", Quantities.bytes(1536));
        assertEquals("2 TiB", Quantities.bytes(2 * 1024 * GIB));
        assertEquals("2m 4s", Quantities.seconds(124.02));
        assertEquals("1m", Quantities.seconds(60));
        assertEquals("45s", Quantities.seconds(45));
        assertEquals("1h 2m", Quantities.duration(3_720_000));
        assertEquals("3d 4h", Quantities.duration((3 * 24 + 4) * 3_600_000L));
        assertEquals("850ms", Quantities.duration(850));
        assertEquals("2.3s", Quantities.duration(2_300));
        assertEquals("93.1%", Quantities.percent(93.14));
        assertEquals("90%", Quantities.percent(90));
        assertEquals("4.2", Quantities.plain(4.2));
        assertEquals("2.13", Quantities.plain(2.125));
        assertEquals("12", Quantities.plain(12.04));
        assertEquals("1500", Quantities.plain(1500.4));
    }

    @Test
    void aUnitFormatsWithItsWordsAndRatesPutThemBeforeThePerSecond() {
        assertEquals("3.2 GiB free", Unit.parse("bytes free").format(3.2 * GIB));
        assertEquals("0 B", Unit.parse("bytes free").bare(0));
        assertEquals("12 errors/s", Unit.parse("per_second errors").format(12));
        assertEquals("2.1 per core", Unit.parse("ratio per core").format(2.1));
        assertEquals("1.5 MiB/s", Unit.parse("bytes_per_second").format(1.5 * 1024 * 1024));
        assertEquals("exit status non-zero", Unit.parse("exit_ok").format(0));
        assertEquals("exit status 0", Unit.parse("exit_ok").format(1));
        assertEquals("exit status 3", Unit.parse("exit_status").format(3));
        assertEquals("down", Unit.parse("up").format(0));
        assertEquals("412 processes", Unit.parse("count processes").format(412));
        assertEquals("bytes free", Unit.parse("  BYTES   free ").wire());
    }

    @Test
    void anUnknownUnitOrBadWordsAreRefusedSayingWhatIsKnown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Unit.parse("gigabytes"));
        assertTrue(e.getMessage().contains("percent, bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Unit.parse("up and running"));
        assertThrows(IllegalArgumentException.class, () -> Unit.parse("bytes <b>free</b>"));
        assertThrows(IllegalArgumentException.class, () -> Unit.parse(""));
    }

    @Test
    void aMetricWithoutUnitGetsOneFromItsNameSuffix() {
        assertEquals("percent", Unit.forMetric(RuleKind.THRESHOLD, "swap_used_percent", false).wire());
        assertEquals("bytes", Unit.forMetric(RuleKind.THRESHOLD, "mysql_database_size_bytes", false).wire());
        assertEquals("bytes_per_second", Unit.forMetric(RuleKind.THRESHOLD, "net_rx_bytes_per_second", false).wire());
        assertEquals("per_second", Unit.forMetric(RuleKind.THRESHOLD, "net_drops_per_second", false).wire());
        assertEquals("seconds", Unit.forMetric(RuleKind.THRESHOLD, "replica_lag_seconds", false).wire());
        assertEquals("ms", Unit.forMetric(RuleKind.THRESHOLD, "mysql_query_latency_ms", false).wire());
        assertEquals("count", Unit.forMetric(RuleKind.THRESHOLD, "log_matches_total", false).wire());
        assertEquals("up", Unit.forMetric(RuleKind.THRESHOLD, "mysql_up", false).wire());
        assertEquals("exit_ok", Unit.forMetric(RuleKind.THRESHOLD, "check_ok", false).wire());
        assertEquals("number", Unit.forMetric(RuleKind.THRESHOLD, "check_value", false).wire());
        assertEquals("ratio", Unit.forMetric(RuleKind.THRESHOLD, "load5", true).wire());
        assertEquals("seconds", Unit.forMetric(RuleKind.ABSENT, null, false).wire());
    }
}
