package dev.vigil.ingest.notification;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subjects from payload prefixes that may be cut anywhere, or not be notify's JSON at all. */
class PayloadSummaryTest {

    static final String PAYLOAD = "{\"receiver\":\"email\",\"kind\":\"REPEAT\",\"host\":\"db-01\",\"createdAt\":1,\"alerts\":["
            + "{\"id\":1,\"rule\":\"DiskSpaceLow\",\"labels\":{\"mount\":\"/\"},\"severity\":\"WARNING\",\"value\":85},"
            + "{\"id\":2,\"rule\":\"HighCpuUsage\",\"labels\":{},\"severity\":\"CRITICAL\",\"value\":97}]}";

    @Test
    void aWholePayloadReadsLikeTheEmailSubject() {
        PayloadSummary s = PayloadSummary.read(PAYLOAD, "repeat", 2);
        assertEquals("db-01", s.host);
        assertEquals("[CRITICAL][REMINDER] db-01: DiskSpaceLow and 1 more", s.summary);
        assertEquals("[ESCALATED][CRITICAL] db-01: DiskSpaceLow and 1 more", PayloadSummary.read(PAYLOAD, "escalation", 2).summary);
        assertEquals("[RESOLVED] db-01: DiskSpaceLow and 1 more", PayloadSummary.read(PAYLOAD, "resolved", 2).summary);
    }

    @Test
    void aPrefixCutAnywhereKeepsWhatWasRead() {
        for (int cut = 0; cut <= PAYLOAD.length(); cut++) {
            PayloadSummary s = PayloadSummary.read(PAYLOAD.substring(0, cut), "firing", 0);
            if (cut > PAYLOAD.indexOf("\"labels\"")) {
                assertEquals("db-01", s.host, "cut at " + cut);
                assertTrue(s.summary.contains("db-01: DiskSpaceLow"), "cut at " + cut + ": " + s.summary);
            }
            if (cut > PAYLOAD.indexOf("\"WARNING\"") + 9 && cut <= PAYLOAD.indexOf("\"CRITICAL\"") + 9) {
                assertTrue(s.summary.startsWith("[WARNING] db-01: DiskSpaceLow"), "cut at " + cut + ": " + s.summary);
            }
            if (cut > PAYLOAD.indexOf("\"CRITICAL\"") + 9) {
                assertTrue(s.summary.startsWith("[CRITICAL] db-01: DiskSpaceLow and 1 more"), "the highest severity read: " + s.summary);
            }
        }
        assertEquals("[WARNING] db-01: DiskSpaceLow and 1999 more",
                PayloadSummary.read(PAYLOAD.substring(0, PAYLOAD.indexOf("\"WARNING\"") + 10), "firing", 2000).summary, "the count comes from the links");
    }

    @Test
    void aSubjectInThePayloadWinsAndAnythingElseIsNoSummary() {
        assertEquals("[TEST] from Vigil", PayloadSummary.read("{\"subject\":\"[TEST] from Vigil\"}", "test", 0).summary);
        assertNull(PayloadSummary.read("not json", "firing", 1).summary);
        assertNull(PayloadSummary.read(null, "firing", 1).summary);
        assertNull(PayloadSummary.read("[1,2,3]", "firing", 1).summary);
        assertNull(PayloadSummary.read("{\"host\":\"db-01\",\"alerts\":[]}", "firing", 0).summary, "no alert, no subject");
        assertEquals("[ALERT] db-01: X", PayloadSummary.read("{\"host\":\"db-01\",\"alerts\":[{\"rule\":\"X\"}]}", "firing", 1).summary);
        assertEquals("[WARNING] a b: R", PayloadSummary.read("{\"host\":\"a\\nb\",\"alerts\":[{\"rule\":\"R\",\"severity\":\"warning\"}]}",
                "firing", 1).summary, "one line");
    }
}
