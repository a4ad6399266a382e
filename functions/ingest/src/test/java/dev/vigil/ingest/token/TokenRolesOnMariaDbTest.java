package dev.vigil.ingest.token;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link TokenRolesScenarios} on MariaDB/MySQL, the production store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRolesOnMariaDbTest extends TokenRolesScenarios {
}
