package dev.vigil.ingest.rule;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** {@link RulesApiScenarios} on MariaDB/MySQL, the production store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesApiOnMariaDbTest extends RulesApiScenarios {

    @Override
    Map<String, String> database() {
        return TestDatabase.freshMysql();
    }
}
