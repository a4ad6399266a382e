package dev.vigil.ingest.format.remotewrite;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link RemoteWriteScenarios} on MariaDB/MySQL, the production store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteWriteOnMariaDbTest extends RemoteWriteScenarios {
}
