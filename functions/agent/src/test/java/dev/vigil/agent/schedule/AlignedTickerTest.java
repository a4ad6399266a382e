package dev.vigil.agent.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class AlignedTickerTest {

    @Test
    void ticksSitOnTheIntervalGridShiftedByTheOffset() {
        AlignedTicker ticker = new AlignedTicker(Duration.ofSeconds(15), Duration.ofMillis(4_200));
        assertEquals(Instant.ofEpochMilli(19_200), ticker.nextTickAfter(Instant.ofEpochMilli(5_000)));
        assertEquals(Instant.ofEpochMilli(34_200), ticker.nextTickAfter(Instant.ofEpochMilli(19_200)), "strictly after");
        assertEquals(Instant.ofEpochMilli(4_200), ticker.nextTickAfter(Instant.ofEpochMilli(0)));
    }

    @Test
    void anOverrunSkipsMissedTicks() {
        AlignedTicker ticker = new AlignedTicker(Duration.ofSeconds(15), Duration.ZERO);
        // a run that started at 15 s and ended at 47 s: next run at 60 s, not 30 s and 45 s in a burst
        assertEquals(Instant.ofEpochSecond(60), ticker.nextTickAfter(Instant.ofEpochSecond(47)));
    }
}
