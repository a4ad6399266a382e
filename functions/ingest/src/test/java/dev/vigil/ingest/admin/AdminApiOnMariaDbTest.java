package dev.vigil.ingest.admin;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link AdminApiScenarios} on MariaDB/MySQL, the production store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiOnMariaDbTest extends AdminApiScenarios {
}
