package dev.vigil.ingest.format.prometheus;

import dev.vigil.core.counter.CounterRates;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.format.MappedBatch;
import dev.vigil.ingest.format.SampleCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextParserTest {

    static PromExposition parse(String text) {
        return new PrometheusTextParser(10_000).parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEscapesTimestampsTypesAndSpecialValues() {
        PromExposition e = parse("""
                # HELP x_total A counter with "quotes" in help.
                # TYPE x_total counter
                x_total{path="C:\\\\dir",msg="say \\"hi\\"\\nbye",} 1.5e3 1763600000000
                up 1
                temp NaN
                big -Inf
                """);
        assertEquals(4, e.samples().size());
        PromSample x = e.samples().get(0);
        assertEquals(Map.of("path", "C:\\dir", "msg", "say \"hi\"\nbye"), x.labels());
        assertEquals(1500.0, x.value());
        assertEquals(1763600000000L, x.timestampMs());
        assertTrue(e.isRunningTotal("x_total"));
        assertTrue(Double.isNaN(e.samples().get(2).value()));
        assertEquals(Double.NEGATIVE_INFINITY, e.samples().get(3).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "up|line 1: missing value",
            "up{a=\"b\"|line 1: expected ',' or '}'",
            "up{a=b} 1|line 1: expected '\"'",
            "up 1 soon|line 1: timestamp 'soon' is not an integer",
            "up one|line 1: value 'one' is not a number",
            "up{a=\"1\",a=\"2\"} 1|line 1: label 'a' appears twice",
            "# TYPE up sometimes|line 1: unknown metric type"})
    void refusesMalformedLinesNamingTheLine(String line, String words) {
        ApiException e = assertThrows(ApiException.class, () -> parse("# ok\n\n" + line));
        String expected = words.replace("line 1", "line 3");
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertEquals("line 3", e.field());
    }

    @Test
    void nodeExporterCpuSecondsBecomeUsageOnTheSecondScrape() {
        CounterRates rates = CounterRates.empty();
        String scrape = """
                node_cpu_seconds_total{cpu="0",mode="idle"} %s
                node_cpu_seconds_total{cpu="0",mode="iowait"} %s
                node_cpu_seconds_total{cpu="0",mode="user"} %s
                node_cpu_seconds_total{cpu="1",mode="idle"} %s
                node_cpu_seconds_total{cpu="1",mode="iowait"} 0
                node_cpu_seconds_total{cpu="1",mode="user"} 0
                """;
        MappedBatch first = map(rates, scrape.formatted(100, 10, 50, 100), 10_000);
        assertTrue(first.samples().stream().noneMatch(s -> s.metric().equals("cpu_usage_percent")));
        assertEquals(2.0, value(first, "cpu_count"));
        MappedBatch second = map(rates, scrape.formatted(104, 12, 52, 106), 20_000);
        // spent: idle 10, iowait 2, user 2 of 14 s
        assertEquals(100.0 * 2 / 14, value(second, "cpu_usage_percent"), 1e-9);
        assertEquals(100.0 * 2 / 14, value(second, "cpu_iowait_percent"), 1e-9);
    }

    static MappedBatch map(CounterRates rates, String text, long now) {
        SampleCollector out = new SampleCollector(10_000);
        new NodeExporterMapper(rates, out, now, Map.of()).map(parse(text));
        return out.toBatch("h");
    }

    static double value(MappedBatch batch, String metric) {
        return batch.samples().stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow().value();
    }
}
