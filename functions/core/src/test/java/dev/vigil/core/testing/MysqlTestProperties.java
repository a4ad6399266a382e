package dev.vigil.core.testing;

import io.micronaut.test.support.TestPropertyProvider;

import java.util.Map;

/**
 * Mix into a {@code @MicronautTest(rebuildContext = false)} class with
 * {@code @TestInstance(PER_CLASS)} to run it against a fresh MySQL-compatible database.
 */
public interface MysqlTestProperties extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return TestDatabase.freshMysql();
    }
}
