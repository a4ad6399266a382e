package dev.vigil.common;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    @Test
    void labelsAreSortedByNameAndEscaped() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("mount", "/data \"x\"");
        labels.put("fstype", "a\\b\n\u0001");
        assertEquals("{\"fstype\":\"a\\\\b\\n\\u0001\",\"mount\":\"/data \\\"x\\\"\"}", JsonText.labels(labels));
    }

    @Test
    void noLabelsIsAnEmptyObject() {
        assertEquals("{}", JsonText.labels(Map.of()));
    }
}
