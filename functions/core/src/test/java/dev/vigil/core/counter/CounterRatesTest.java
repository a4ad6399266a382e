package dev.vigil.core.counter;

import dev.vigil.core.sample.SeriesKey;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterRatesTest {

    static final SeriesKey C = new SeriesKey("c_total", Map.of());

    @Test
    void firstSightResetAndResentReadingsYieldNoRate() {
        CounterRates rates = CounterRates.empty();
        assertTrue(rates.advance(C, 1_000, 100).isEmpty(), "first sight");
        assertEquals(5.0, rates.advance(C, 3_000, 110).orElseThrow().perSecond(), 1e-9);
        assertTrue(rates.advance(C, 3_000, 110).isEmpty(), "same ts again (resent)");
        assertTrue(rates.advance(C, 5_000, 4).isEmpty(), "reset: total went down");
        assertEquals(3.0, rates.advance(C, 6_000, 7).orElseThrow().perSecond(), 1e-9, "counts again after a reset");
        assertEquals(1, rates.newReadings().size());
        assertEquals(6_000, rates.newReadings().iterator().next().ts());
    }
}
