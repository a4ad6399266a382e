package dev.vigil.housekeeping.retention;

import dev.vigil.core.testing.TestDatabase;
import dev.vigil.housekeeping.partition.PartitionMaintainer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default: no partitions, so every expiry goes through batched deletes. */
@MicronautTest(transactional = false, environments = "test")
class RetentionSweeperH2Test extends RetentionSweeperContract implements TestPropertyProvider {

    @Inject
    PartitionMaintainer partitions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshH2());
        props.put("vigil.housekeeping.delete-batch-rows", "150");
        props.put("vigil.housekeeping.series-per-statement", "3");
        return props;
    }

    @Test
    void theEmbeddedDatabaseIsNeverPartitioned() {
        assertTrue(partitions.maintain(TimeSeriesTable.all(properties).get(0), NOW).isEmpty());
    }
}
