package dev.vigil.core.evaluate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The report's text is stored as the job run's JSON details, so any rule name must leave it valid JSON. */
class EvaluationReportTest {

    @Test
    void aRuleNameWithQuotesAndBackslashesStaysValidJson() throws IOException {
        String slowest = "Disk \"root\" full=12ms C:\\temp=3ms\nnext=1ms";
        EvaluationReport report = new EvaluationReport(1_000L, 3, 40, 2, 1, 1, 0, 2, 0, 9, 15L, slowest);

        Map<String, String> fields = parse(report.toString());

        assertEquals(slowest, fields.get("slowest"));
        assertEquals("3", fields.get("rules"));
        assertEquals("15", fields.get("millis"));
    }

    @Test
    void theNumbersKeepTheirNames() throws IOException {
        Map<String, String> fields = parse(new EvaluationReport(0L, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10L, "").toString());

        assertEquals(Map.of("rules", "1", "readings", "2", "open", "3", "created", "4", "fired", "5",
                "resolved", "6", "events", "7", "heldBack", "8", "statements", "9", "millis", "10"),
                withoutSlowest(fields));
        assertEquals("", fields.get("slowest"));
    }

    /** A flat JSON object's fields as text; fails on anything that is not valid JSON. */
    private static Map<String, String> parse(String json) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                out.put(name, p.getText());
            }
            assertEquals(JsonToken.END_OBJECT, p.currentToken());
            assertNull(p.nextToken());
        }
        return out;
    }

    private static Map<String, String> withoutSlowest(Map<String, String> fields) {
        Map<String, String> copy = new HashMap<>(fields);
        copy.remove("slowest");
        return copy;
    }
}
