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

    @Test
    void aBatchThatFailsKeepsNoneOfItsNewSeriesAndTheirNextBatchGetsFreshIds() {
        List<Sample> bad = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bad.add(new Sample("rolled_back_metric", Map.of("i", String.valueOf(i)), 9_500_000, i == 7 ? Double.NaN : i));
        }
        assertThrows(RuntimeException.class, () -> writer.write(hostId, bad));
        assertEquals(0, count("SELECT COUNT(*) FROM series WHERE metric = 'rolled_back_metric'"));

        List<Sample> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add(new Sample("rolled_back_metric", Map.of("i", String.valueOf(i)), 9_500_000, i));
        }
        assertEquals(new WriteResult(20, 0), writer.write(hostId, good));
        // every sample belongs to a series row that exists: no id of the rolled-back rows was cached
        assertEquals(20, count("SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id"
                + " WHERE r.metric = 'rolled_back_metric' AND s.ts = 9500000"));
    }
}
