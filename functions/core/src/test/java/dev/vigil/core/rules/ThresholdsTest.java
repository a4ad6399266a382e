package dev.vigil.core.rules;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ThresholdsTest {

    final Thresholds memory = new Thresholds(Comparison.GT, 85.0, 95.0, 80.0, 0);

    @Test
    void anOpenAlertHoldsUntilTheValuePassesTheClearLevel() {
        assertEquals(Severity.WARNING, memory.crossed(86));
        assertNull(memory.crossed(84));
        assertEquals(Severity.WARNING, memory.whileOpen(84, Severity.WARNING));
        assertEquals(Severity.WARNING, memory.whileOpen(80.5, Severity.WARNING));
        assertNull(memory.whileOpen(80, Severity.WARNING));
    }

    @Test
    void criticalFallsBackToWarningOnlyByTheSameMargin() {
        assertEquals(Severity.CRITICAL, memory.whileOpen(96, Severity.WARNING));
        assertEquals(Severity.CRITICAL, memory.whileOpen(94, Severity.CRITICAL));
        assertEquals(Severity.CRITICAL, memory.whileOpen(90.5, Severity.CRITICAL));
        assertEquals(Severity.WARNING, memory.whileOpen(90, Severity.CRITICAL));
    }

    @Test
    void lowerIsWorseForFreeSpaceAndEqualityHasNoHysteresis() {
        Thresholds free = new Thresholds(Comparison.LT, 10.0, 5.0, 11.0, 0);
        assertEquals(Severity.CRITICAL, free.crossed(4));
        assertEquals(Severity.WARNING, free.whileOpen(10.5, Severity.WARNING));
        assertNull(free.whileOpen(11, Severity.WARNING));
        Thresholds up = new Thresholds(Comparison.EQ, null, 0.0, null, 60_000);
        assertEquals(Severity.CRITICAL, up.crossed(0));
        assertNull(up.whileOpen(1, Severity.CRITICAL));
    }
}
