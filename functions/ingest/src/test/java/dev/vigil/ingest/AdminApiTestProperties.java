package dev.vigil.ingest;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.support.TestPropertyProvider;

import java.util.HashMap;
import java.util.Map;

/** A fresh MySQL-compatible database plus the admin token the test class names. */
public interface AdminApiTestProperties extends TestPropertyProvider {

    String adminToken();

    /** Settings the test class adds to (or changes in) the fresh database and admin token. */
    default Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.admin-token", adminToken());
        props.putAll(extraProperties());
        return props;
    }
}
