package dev.vigil.common;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleConstraintsTest {

    @Test
    void wellFormedSamplesPass() {
        assertTrue(SampleConstraints.checkHostName("db-01.example").isEmpty());
        assertTrue(SampleConstraints.checkMetric("node_load1").isEmpty());
        assertTrue(SampleConstraints.checkLabels(Map.of("mount", "/")).isEmpty());
        assertTrue(SampleConstraints.checkValue(1.5).isEmpty());
        assertTrue(SampleConstraints.checkTimestamp(1_000, 1_000).isEmpty());
    }

    @Test
    void eachProblemIsNamed() {
        assertEquals("host is required", SampleConstraints.checkHostName("").orElseThrow());
        assertEquals("metric name '1x' must match [a-zA-Z_:][a-zA-Z0-9_:]*", SampleConstraints.checkMetric("1x").orElseThrow());
        assertEquals("label name '__name__' is reserved (starts with __)",
                SampleConstraints.checkLabel("__name__", "x").orElseThrow());
        assertEquals("label 'a' value is not valid Unicode (a lone surrogate)",
                SampleConstraints.checkLabel("a", "\uD800").orElseThrow());
        assertEquals("value must be a finite number, got NaN", SampleConstraints.checkValue(Double.NaN).orElseThrow());
        assertTrue(SampleConstraints.checkTimestamp(1_000 + 11 * 60_000, 1_000).isPresent());
    }
}
