package dev.vigil.core.host;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a host label may be, and its stored form. */
class HostLabelsTest {

    static String refusedLabel(Map<String, String> labels) {
        return HostLabels.check(labels).map(p -> String.valueOf(p.label())).orElse("accepted");
    }

    @Test
    void prometheusStyleNamesAndBoundedValuesAreAccepted() {
        assertEquals("accepted", refusedLabel(Map.of("team", "db", "env", "prod", "_x9", "v".repeat(256))));
        assertEquals("accepted", refusedLabel(Map.of("n".repeat(64), "\uD83D\uDD25".repeat(256))));
    }

    @Test
    void eachRefusalNamesTheLabel() {
        assertEquals("a-b", refusedLabel(Map.of("a-b", "x")));
        assertEquals("9a", refusedLabel(Map.of("9a", "x")));
        assertEquals("__a", refusedLabel(Map.of("__a", "x")));
        for (String reserved : HostLabels.RESERVED_NAMES) {
            assertEquals(reserved, refusedLabel(Map.of(reserved, "x")));
        }
        assertEquals("n".repeat(65), refusedLabel(Map.of("n".repeat(65), "x")));
        assertEquals("team", refusedLabel(Map.of("team", "v".repeat(257))));
        assertEquals("team", refusedLabel(Map.of("team", "")));
        assertEquals("team", refusedLabel(Map.of("team", "db\uD800")));
        assertEquals("team", refusedLabel(Map.of("team", "\uDC00db")));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 33; i++) {
            many.put("l" + i, "v");
        }
        assertEquals("null", refusedLabel(many), "too many labels is a problem of the whole set");
    }

    @Test
    void labelsAreStoredAsCanonicalJsonAndNoLabelsAsNull() {
        String json = HostLabels.toJson(Map.of("team", "db", "env", "<b>\"prod\"</b>"));
        assertEquals("{\"env\":\"<b>\\\"prod\\\"</b>\",\"team\":\"db\"}", json);
        assertEquals(Map.of("team", "db", "env", "<b>\"prod\"</b>"), HostLabels.fromJson(json));
        assertNull(HostLabels.toJson(Map.of()));
        assertTrue(HostLabels.fromJson(null).isEmpty());
        assertTrue(HostLabels.fromJson(" ").isEmpty());
    }
}
