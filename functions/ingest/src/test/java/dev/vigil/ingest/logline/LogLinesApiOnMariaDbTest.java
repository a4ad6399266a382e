package dev.vigil.ingest.logline;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link LogLinesApiScenarios} on MariaDB/MySQL, the production store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogLinesApiOnMariaDbTest extends LogLinesApiScenarios {
}
