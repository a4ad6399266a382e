package dev.vigil.housekeeping.retention;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.HashMap;
import java.util.Map;

/** The fallback on MySQL for a table too large to convert to partitions online. */
@MicronautTest(transactional = false, environments = "test")
class RetentionSweeperMysqlTest extends RetentionSweeperContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.housekeeping.delete-batch-rows", "150");
        props.put("vigil.housekeeping.series-per-statement", "3");
        return props;
    }
}
