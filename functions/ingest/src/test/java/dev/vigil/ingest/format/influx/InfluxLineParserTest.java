package dev.vigil.ingest.format.influx;

import dev.vigil.ingest.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfluxLineParserTest {

    static List<InfluxPoint> parse(String text) {
        return new InfluxLineParser(10_000).parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEscapesAndEveryFieldType() {
        InfluxPoint p = parse("my\\ disk\\,io,path=/mnt/a\\ b,k\\=ey=v\\,1 f=1.5,i=-3i,u=7u,b=t,s=\"a \\\"q\\\" \\\\ z\" 1700000000000000000\n").get(0);
        assertEquals("my disk,io", p.measurement());
        assertEquals(Map.of("path", "/mnt/a b", "k=ey", "v,1"), p.tags());
        assertEquals(1.5, p.fields().get("f"));
        assertEquals(-3L, p.fields().get("i"));
        assertEquals(7.0, p.fields().get("u"));
        assertEquals(1.8446744073709552E19, parse("m big=18446744073709551615u").get(0).fields().get("big"), "uint64 max does not wrap to -1");
        assertEquals(Boolean.TRUE, p.fields().get("b"));
        assertEquals("a \"q\" \\ z", p.fields().get("s"));
        assertEquals(1700000000000000000L, p.timestamp());
        assertNull(parse("m v=1").get(0).timestamp());
    }

    @Test
    void convertsEveryPrecisionToMilliseconds() {
        assertEquals(1_700_000_000_123L, InfluxPrecision.of("ns").toMillis(1_700_000_000_123_456_789L));
        assertEquals(1_700_000_000_123L, InfluxPrecision.of("u").toMillis(1_700_000_000_123_456L));
        assertEquals(1_700_000_000_000L, InfluxPrecision.of("s").toMillis(1_700_000_000L));
        assertEquals(3_600_000L, InfluxPrecision.of("h").toMillis(1));
        assertThrows(ApiException.class, () -> InfluxPrecision.of("d"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpu|expected a space between the measurement and its fields",
            "cpu usage|expected '=' after field key 'usage'",
            "cpu usage=|missing value of field 'usage'",
            "cpu usage=\"open|string value of field 'usage' is not closed",
            "cpu,host usage=1|expected '=' after tag key 'host'",
            "cpu usage=1 yesterday|timestamp 'yesterday' is not an integer",
            "cpu usage=1x|value '1x' of field 'usage'"})
    void refusesMalformedLinesNamingTheLine(String line, String words) {
        ApiException e = assertThrows(ApiException.class, () -> parse("cpu usage=1\n" + line + "\n"));
        assertTrue(e.getMessage().startsWith("line 2: " + words), e.getMessage());
    }
}
