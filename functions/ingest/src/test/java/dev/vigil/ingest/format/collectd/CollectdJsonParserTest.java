package dev.vigil.ingest.format.collectd;

import dev.vigil.ingest.error.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectdJsonParserTest {

    static List<CollectdValueList> parse(String json) {
        return new CollectdJsonParser(10_000, 42_000).parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsParallelArraysSecondsAndNullAsNaN() {
        CollectdValueList l = parse("""
                [{"values":[1.5,null],"dstypes":["derive","gauge"],"dsnames":["rx","tx"],"time":1251533299.265,
                  "interval":10.000,"host":"h","plugin":"interface","plugin_instance":"eth0","type":"if_octets","type_instance":"",
                  "meta":{"network:received":true}}]""").get(0);
        assertEquals(Arrays.asList(1.5, null), l.values());
        assertEquals(1_251_533_299_265L, l.timeMs());
        assertTrue(l.isRunningTotal(0));
        assertEquals("eth0", l.pluginInstance());
        assertNull(l.values().get(1));
    }

    @Test
    void refusesMalformedValueListsNamingThem() {
        ApiException e = assertThrows(ApiException.class, () -> parse("""
                [{"values":[1],"dstypes":["gauge"],"dsnames":["value"],"time":1,"host":"h","plugin":"load","type":"load"},
                 {"values":[1],"dstypes":["sometimes"],"dsnames":["value"],"time":1,"host":"h","plugin":"load","type":"load"}]"""));
        assertTrue(e.getMessage().startsWith("value list 1 (line 2"), e.getMessage());
        assertEquals("[1].dstypes[0]", e.field());
        assertTrue(assertThrows(ApiException.class, () -> parse("{}")).getMessage().contains("JSON array"));
        assertTrue(assertThrows(ApiException.class, () -> parse("[{\"values\":[1]")).getMessage().startsWith("malformed JSON"));
    }
}
