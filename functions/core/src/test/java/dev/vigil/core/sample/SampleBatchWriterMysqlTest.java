package dev.vigil.core.sample;

import dev.vigil.core.testing.MysqlTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@MicronautTest(transactional = false, environments = "test")
class SampleBatchWriterMysqlTest extends SampleBatchWriterContract implements MysqlTestProperties {

    @Test
    void aBatchThatFailsHalfwayStoresNothing() throws Exception {
        // MySQL refuses NaN; validation normally stops it earlier, here it makes the second statement fail.
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            batch.add(new Sample("uptime_seconds", Map.of(), 9_000_000 + i, i == 1_200 ? Double.NaN : i));
        }
        assertThrows(RuntimeException.class, () -> writer.write(hostId, batch));
        assertEquals(0, count("SELECT COUNT(*) FROM samples WHERE ts >= 9000000 AND ts < 9001500"));
    }
}
